import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/edge.js';

/**
 * The client a per-client limit counts against: the TRUSTED source address, never a header the client
 * chooses (X-Forwarded-For is client-written; CloudFront appends to it rather than replacing it).
 * API Gateway sets `requestContext.http.sourceIp` from the TCP connection; the local gateway sets it
 * from the socket. Behind CloudFront that address is an edge server's, so the viewer's address comes
 * from the header CloudFront's function writes, trusted only with the origin secret (shared/edge.ts).
 * Only a hash is ever stored.
 */
export function trustedAddress(event: Pick<APIGatewayProxyEventV2, 'requestContext' | 'headers'>, originSecret: string | undefined): string {
  const source = event.requestContext?.http?.sourceIp || 'unknown';
  if (!originSecret || !cameThroughCloudFront(event, originSecret)) return source;
  const viewer = event.headers?.[VIEWER_ADDRESS_HEADER]?.trim();
  return viewer && isIP(viewer) ? viewer : source;
}

/** The request carries the origin secret CloudFront adds: it passed CloudFront (and its web ACL). */
export function cameThroughCloudFront(event: Pick<APIGatewayProxyEventV2, 'headers'>, originSecret: string): boolean {
  const proof = event.headers?.[ORIGIN_VERIFY_HEADER];
  return proof !== undefined && same(proof, originSecret);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function clientHash(address: string): string {
  return createHash('sha256').update(`oneroof/caller/${address}`).digest('hex').slice(0, 32);
}
