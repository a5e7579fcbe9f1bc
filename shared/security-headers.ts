/**
 * Response security headers for the web front ends, declared once: CloudFront's response headers
 * policy (infra/aws) and the local gateway (infra/local) send the same values. No inline script or
 * style is allowed: the PWA and the staff console load only their own bundles.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(self), payment=()',
} as const;

/** HTTPS only (CloudFront): two years, subdomains included. Not sent by the local stack over plain HTTP. */
export const strictTransportSecurity = 'max-age=63072000; includeSubDomains; preload';
