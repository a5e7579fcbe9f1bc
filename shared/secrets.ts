/**
 * Secrets in AWS Secrets Manager, declared once. A function lists the ones it reads in
 * shared/functions.ts (`secrets`); CDK's `bindSecret` grants `secretsmanager:GetSecretValue` on that
 * secret only and sets `envVar` to its ARN; functions/lib/secrets.ts reads it once per cold start.
 * The local stack sets none of them: each reader says what it does instead (or fails fast).
 */
export const secrets = {
  caseRefHmacKey: {
    envVar: 'CASE_REF_HMAC_KEY_SECRET_ARN',
    description: 'HMAC key of victim references (case repeats): at least 32 characters, never in the table',
  },
  reportRoundingKey: {
    envVar: 'REPORT_ROUNDING_KEY_SECRET_ARN',
    description: "HMAC key of the reports' random controlled rounding: at least 32 characters, never in the table",
  },
  originVerify: {
    envVar: 'ORIGIN_VERIFY_SECRET_ARN',
    description: 'Value CloudFront adds to every API request, so handlers trust its viewer-address header (shared/edge.ts)',
  },
  vapidKeys: {
    envVar: 'VAPID_KEYS_SECRET_ARN',
    description:
      'VAPID key pair of staff console Web Push: the P-256 private key is derived from the generated value (HKDF), or the value is JSON {"publicKey","privateKey"} (base64url) set by hand',
  },
  spaceSigningKey: {
    envVar: 'SPACE_SIGNING_KEY_SECRET_ARN',
    description: "Seed of the Ed25519 key that signs her journal chain's head on export (HKDF of the value): at least 32 characters",
  },
} as const;

export type SecretName = keyof typeof secrets;
export const SECRET_NAMES = Object.keys(secrets) as SecretName[];

/** Set by the local stack and the integration tests only: the places where a missing secret has a local stand-in. */
export const LOCAL_STACK_ENV = 'ONEROOF_LOCAL_STACK';

/**
 * The local stand-in for `reportRoundingKey`: a base64 key (at least 32 bytes) the local stack keeps in
 * its data directory and the integration tests generate per run. Read only where LOCAL_STACK_ENV is set.
 */
export const REPORT_ROUNDING_KEY_LOCAL_ENV = 'REPORT_ROUNDING_KEY';

/** The local stand-in for `spaceSigningKey`: a base64 seed the local stack keeps in its data dir and the integration tests generate per run. */
export const SPACE_SIGNING_KEY_LOCAL_ENV = 'SPACE_SIGNING_KEY';
