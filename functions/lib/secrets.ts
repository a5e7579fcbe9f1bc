import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LOCAL_STACK_ENV, secrets, type SecretName } from '../../shared/secrets.js';
import { clientCredentials } from './credentials.js';

let client: SecretsManagerClient | undefined;
const cache = new Map<SecretName, Promise<string>>();

/** The ARN CDK's `bindSecret` set, or undefined where none is bound (the local stack). */
export function secretArn(name: SecretName): string | undefined {
  const arn = process.env[secrets[name].envVar];
  return arn === undefined || arn.trim() === '' ? undefined : arn;
}

export function isLocalStack(): boolean {
  return process.env[LOCAL_STACK_ENV] === '1';
}

/**
 * The secret's value, fetched once per execution environment (call it at module load to read it during
 * the cold start). A failed fetch is not cached, so the next request tries again.
 */
export function readSecret(name: SecretName): Promise<string> {
  let value = cache.get(name);
  if (!value) {
    const arn = secretArn(name);
    if (!arn) return Promise.reject(new Error(`Missing required environment variable ${secrets[name].envVar}`));
    client ??= new SecretsManagerClient({ ...clientCredentials });
    value = client.send(new GetSecretValueCommand({ SecretId: arn })).then((out) => {
      if (!out.SecretString) throw new Error(`Secret ${name} has no string value`);
      return out.SecretString;
    });
    value.catch(() => cache.delete(name));
    cache.set(name, value);
  }
  return value;
}
