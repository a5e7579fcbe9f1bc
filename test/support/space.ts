import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { spaceKeys } from '../../functions/space/keys.js';
import { aadOf, sealJson, type SpaceKeys } from '../../shared/space/crypto.js';

/**
 * What someone with table access can do to her space: rewrite journal entry `seq` with another
 * ciphertext under the same key, the chain's hashes left as they were (the chain check must name it).
 */
export async function forgeEntry(client: DynamoDBDocumentClient, table: string, keys: SpaceKeys, seq: number, content: unknown): Promise<void> {
  const forged = await sealJson(keys.contentKey, content, aadOf.entry(seq));
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: spaceKeys.entry(keys.lookupId, seq),
      UpdateExpression: 'SET ct = :ct, iv = :iv',
      ExpressionAttributeValues: { ':ct': forged.ct, ':iv': forged.iv },
    }),
  );
}
