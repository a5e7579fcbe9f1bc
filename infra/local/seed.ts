import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '../../functions/lib/dynamo.js';
import { table } from '../../shared/table.js';
import { seedDemoCases } from './demo/cases.js';
import { seedCatalog } from './demo/catalog.js';
import { seedDemoFjc } from './demo/fjc.js';
import { seedDemoOrder } from './demo/orders.js';
import { seedDemoInterventions } from './demo/interventions.js';

/**
 * Demo data for the local stack, seeded once per data folder and never over what a user changed:
 * - each seed module runs once (a `SEED` / `<name>` marker item records it), so an item a user deleted
 *   is not brought back;
 * - every Put a seed module sends is made conditional on `attribute_not_exists(pk)` and a conflict is
 *   skipped, so a seed that is re-run after a crash never overwrites an item.
 * The demo data lives in infra/local/demo/ (one module per capability, validated by that capability's
 * schemas), imported here statically: product code never imports the local stack.
 * Demo staff users need no items: they are the local issuer's (shared/identity.ts).
 */
export interface SeedContext {
  dynamo: DynamoDBDocumentClient;
  tableName: string;
  now: Date;
}

export interface SeedModule {
  name: string;
  run: (ctx: SeedContext) => Promise<unknown>;
}

export const seedModules: readonly SeedModule[] = [
  { name: 'catalog', run: seedCatalog },
  { name: 'orders', run: seedDemoOrder },
  { name: 'cases', run: seedDemoCases },
  { name: 'interventions', run: seedDemoInterventions },
  { name: 'fjc', run: seedDemoFjc },
];

export interface SeedReport {
  seeded: string[];
  alreadySeeded: string[];
  /** Puts skipped because the item already existed. */
  skippedItems: number;
}

/** A document client whose Puts never overwrite: conditional on the key being absent, conflicts skipped. */
function putIfAbsentClient(base: DynamoDBClient, onSkip: () => void): DynamoDBDocumentClient {
  const doc = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'PutItemCommand' && context.commandName !== 'PutCommand') return next(args);
      const input = args.input as { ConditionExpression?: string };
      input.ConditionExpression = input.ConditionExpression
        ? `(${input.ConditionExpression}) AND attribute_not_exists(${table.partitionKey})`
        : `attribute_not_exists(${table.partitionKey})`;
      try {
        return await next(args);
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        onSkip();
        return { output: { $metadata: {} }, response: {} };
      }
    },
    { step: 'initialize', name: 'seedPutIfAbsent' },
  );
  return doc;
}

export async function seedDemoData(options: { tableName: string; endpoint?: string; now?: Date; modules?: readonly SeedModule[] }): Promise<SeedReport> {
  const report: SeedReport = { seeded: [], alreadySeeded: [], skippedItems: 0 };
  const base = new DynamoDBClient(options.endpoint ? { endpoint: options.endpoint } : {});
  const dynamo = putIfAbsentClient(base, () => report.skippedItems++);
  const now = options.now ?? new Date();
  try {
    for (const seed of options.modules ?? seedModules) {
      const marker = { pk: 'SEED', sk: seed.name };
      const seen = await dynamo.send(new GetCommand({ TableName: options.tableName, Key: marker, ConsistentRead: true }));
      if (seen.Item) {
        report.alreadySeeded.push(seed.name);
        continue;
      }
      await seed.run({ dynamo, tableName: options.tableName, now });
      await dynamo.send(new PutCommand({ TableName: options.tableName, Item: { ...marker, seededAt: now.toISOString() } }));
      report.seeded.push(seed.name);
    }
  } finally {
    base.destroy();
  }
  return report;
}
