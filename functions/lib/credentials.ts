import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The credentials every SDK client of a function is built with (functions/lib/clients.ts, secrets.ts,
 * the audit digest's S3). In Lambda the runtime puts the function role's credentials in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN): read them there, and never walk the
 * default chain (shared files, SSO, process, container and instance metadata) on a cold start. Elsewhere
 * (the local stack, tests, scripts) nothing is set and the default chain applies, as before.
 */
export const clientCredentials: { credentials?: ReturnType<typeof fromEnv> } = process.env.AWS_LAMBDA_FUNCTION_NAME ? { credentials: fromEnv() } : {};
