import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';

/**
 * SDK clients, created once per module (per Lambda execution environment).
 * Locally the SDK itself reads AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SNS: no endpoint switch here.
 */
export const dynamoClient = new DynamoDBClient({});
export const dynamo = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});
export const sns = new SNSClient({});
