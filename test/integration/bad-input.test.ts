import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as health } from '../../functions/health/handler.js';
import { apiEvent, lambdaContext } from '../support/events.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

/**
 * Regressions of inputs that once gave a 500 or were stored although impossible. Each answer must be
 * a 4xx JSON body naming the field; nothing may be written.
 */
let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi('badinput');
});
afterAll(async () => {
  await api?.stop();
});

async function expect400(res: Response, field: string): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(JSON.parse(text)).toMatchObject({ error: 'invalid', field });
}

describe('a malformed %-escape in a path parameter', () => {
  it.each([
    ['GET', '/api/services/%E0%A4%A', 'id', undefined],
    ['GET', '/api/bookings/%', 'reference', undefined],
    ['GET', '/api/services/%zz/slots', 'id', undefined],
    ['PATCH', '/api/cases/%', 'id', 'officer'],
    ['POST', '/api/cases/C-1/followups/%C3/complete', 'followupId', 'officer'],
    ['GET', '/api/audit/%/x', 'entity', 'coordinator'],
  ] as const)('%s %s → 400 naming %s', async (method, path, field, role) => {
    await expect400(await api.call(method, path, role ? { token: api.token(role) } : {}), field);
  });

  it('is a 400 naming the parameter at the $default handler too (as API Gateway reaches it)', async () => {
    const res = await health(apiEvent({ method: 'GET', path: '/api/bookings/%E0%A4%A', routeKey: '$default' }), lambdaContext());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string)).toMatchObject({ field: 'reference' });
  });
});
