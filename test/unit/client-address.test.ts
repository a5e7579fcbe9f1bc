import { describe, expect, it } from 'vitest';
import { clientHash, trustedAddress } from '../../functions/lib/client.js';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/edge.js';

const event = (sourceIp: string, headers: Record<string, string> = {}) =>
  ({ requestContext: { http: { sourceIp } }, headers }) as unknown as Parameters<typeof trustedAddress>[0];

describe('the trusted client address', () => {
  it('is the TCP source address; X-Forwarded-For and a forged viewer header are ignored', () => {
    expect(trustedAddress(event('203.0.113.9', { 'x-forwarded-for': '192.0.2.1, 203.0.113.9' }), undefined)).toBe('203.0.113.9');
    expect(trustedAddress(event('203.0.113.9', { [VIEWER_ADDRESS_HEADER]: '192.0.2.1' }), undefined)).toBe('203.0.113.9');
    expect(trustedAddress(event('203.0.113.9', { [VIEWER_ADDRESS_HEADER]: '192.0.2.1', [ORIGIN_VERIFY_HEADER]: 'guess' }), 'the-secret')).toBe('203.0.113.9');
  });

  it('behind CloudFront (origin secret matches) is the viewer address CloudFront wrote, if it is an address', () => {
    const secret = 'the-secret';
    expect(trustedAddress(event('130.176.1.1', { [VIEWER_ADDRESS_HEADER]: '198.51.100.4', [ORIGIN_VERIFY_HEADER]: secret }), secret)).toBe('198.51.100.4');
    expect(trustedAddress(event('130.176.1.1', { [VIEWER_ADDRESS_HEADER]: '2001:db8::1', [ORIGIN_VERIFY_HEADER]: secret }), secret)).toBe('2001:db8::1');
    expect(trustedAddress(event('130.176.1.1', { [VIEWER_ADDRESS_HEADER]: 'not an address', [ORIGIN_VERIFY_HEADER]: secret }), secret)).toBe('130.176.1.1');
  });

  it('is stored only as a hash', () => {
    expect(clientHash('198.51.100.4')).toMatch(/^[0-9a-f]{32}$/);
    expect(clientHash('198.51.100.4')).not.toBe(clientHash('198.51.100.5'));
  });
});
