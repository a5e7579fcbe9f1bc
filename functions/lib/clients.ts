import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { clientCredentials as credentials } from './credentials.js';
import { guardTableAccess } from './table-access.js';

/**
 * SDK clients, created once per module (per Lambda execution environment), the one place they are built,
 * with the environment's credentials in Lambda (credentials.ts).
 * Locally the SDK itself reads AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SNS / AWS_ENDPOINT_URL_SQS: no endpoint switch here.
 */
export const dynamoClient = new DynamoDBClient({ ...credentials });
// Locally, each function's requests are held to the partitions shared/functions.ts declares (IAM does it in AWS).
guardTableAccess(dynamoClient);
export const dynamo = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

let snsClient: SNSClient | undefined;
/** The SNS client, built on first use: a function that publishes rarely does not build it at cold start. */
export const sns = (): SNSClient => (snsClient ??= new SNSClient({ ...credentials }));

let snsOnceClient: SNSClient | undefined;
/**
 * An SNS client that sends each request once (no SDK retries): for a publish that has a backstop (the
 * eager alert publish, whose stream publisher retries without limit), where waiting on retries would
 * only hold up the caller.
 */
export const snsSingleAttempt = (): SNSClient => (snsOnceClient ??= new SNSClient({ ...credentials, maxAttempts: 1 }));

let sqsClient: SQSClient | undefined;
/** The SQS client, built on first use: the reminder tick sends only when a burst is larger than it reminds itself. */
export const sqs = (): SQSClient => (sqsClient ??= new SQSClient({ ...credentials }));
