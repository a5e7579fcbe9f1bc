import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/health/handler.js';
import { apiEvent, lambdaContext } from '../support/events.js';

describe('health and fallback', () => {
  it('answers 200 with the version', async () => {
    const res = await handler(apiEvent({ method: 'GET', path: '/api/health' }), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body as string)).toMatchObject({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('answers 404 JSON for an unknown route and 405 for a wrong method', async () => {
    const notFound = await handler(apiEvent({ method: 'GET', path: '/api/nope', routeKey: '$default' }), lambdaContext());
    expect(notFound.statusCode).toBe(404);
    expect(JSON.parse(notFound.body as string)).toMatchObject({ error: 'not_found' });
    const wrong = await handler(apiEvent({ method: 'DELETE', path: '/api/health', routeKey: '$default' }), lambdaContext());
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers?.allow).toBe('GET');
  });

  it('serves the OpenAPI document, also through the $default route', async () => {
    const res = await handler(apiEvent({ method: 'GET', path: '/api/openapi.json' }), lambdaContext());
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body as string) as { openapi: string; info: { version: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/bookings/{reference}');
    // Through the $default route too (a local gateway or API Gateway that sends it there).
    const viaDefault = await handler(apiEvent({ method: 'GET', path: '/api/openapi.json', routeKey: '$default' }), lambdaContext());
    expect(JSON.parse(viaDefault.body as string)).toEqual(doc);
  });
});
