import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { authorize, principalFrom } from '../../functions/lib/auth.js';
import { requireEnv } from '../../functions/lib/config.js';
import { errorMapper, toHttpError } from '../../functions/lib/errors.js';
import { logger, redact } from '../../functions/lib/logger.js';
import { parse } from '../../functions/lib/validation.js';
import { ConflictError, ForbiddenError, ServiceUnavailableError, UnauthorizedError, ValidationError } from '../../shared/errors.js';
import { apiEvent, staffClaims } from '../support/events.js';

describe('principalFrom', () => {
  it('reads roles from API Gateway\'s flattened "[a b]" groups claim and from real arrays', () => {
    const flat = principalFrom(apiEvent({ method: 'GET', path: '/api/cases', claims: staffClaims('sam', 'supervisor', 'officer') }));
    expect(flat).toMatchObject({ username: 'sam', roles: ['supervisor', 'officer'] });
    const arr = principalFrom(
      apiEvent({ method: 'GET', path: '/api/cases', claims: { sub: 's', username: 'x', token_use: 'access', 'cognito:groups': ['police', 'not-a-role'] } }),
    );
    expect(arr?.roles).toEqual(['police']);
  });

  it('is null without claims', () => {
    expect(principalFrom(apiEvent({ method: 'GET', path: '/api/health' }))).toBeNull();
  });
});

describe('authorize', () => {
  const officer = { sub: 's', username: 'o', roles: ['officer' as const], scopes: [], clientId: 'c' };
  it('lets anyone through a public route', () => {
    expect(() => authorize({ kind: 'public' }, null)).not.toThrow();
  });
  it('answers 401 without a principal and 403 with the wrong role or scope', () => {
    expect(() => authorize({ kind: 'staff', roles: ['officer'] }, null)).toThrow(UnauthorizedError);
    expect(() => authorize({ kind: 'staff', roles: ['police'] }, officer)).toThrow(ForbiddenError);
    expect(() => authorize({ kind: 'machine', scope: 'oneroof/monitoring.events' }, officer)).toThrow(ForbiddenError);
    expect(() => authorize({ kind: 'staff', roles: ['officer', 'supervisor'] }, officer)).not.toThrow();
  });
  it('denies a principal with no roles at all', () => {
    expect(() => authorize({ kind: 'staff', roles: ['officer'] }, { ...officer, roles: [] })).toThrow(ForbiddenError);
  });
});

describe('parse', () => {
  const schema = z.strictObject({ serviceId: z.string().min(1), safeContact: z.strictObject({ phone: z.string().regex(/^\+\d{8,15}$/) }) });
  it('names the nested field that is wrong', () => {
    expect(() => parse(schema, { serviceId: 'a', safeContact: { phone: '12' } })).toThrow(expect.objectContaining({ field: 'safeContact.phone' }));
  });
  it('names an unknown extra field', () => {
    expect(() => parse(schema, { serviceId: 'a', safeContact: { phone: '+3212345678' }, evil: 1 })).toThrow(expect.objectContaining({ field: 'evil' }));
  });
  it('returns the typed value when valid', () => {
    expect(parse(schema, { serviceId: 'a', safeContact: { phone: '+3212345678' } }).serviceId).toBe('a');
  });
});

describe('toHttpError', () => {
  it('exposes domain errors below 500 with their field', () => {
    expect(toHttpError(new ValidationError('start', 'Not on the grid'))).toEqual({
      status: 400,
      body: { error: 'invalid', field: 'start', message: 'Not on the grid' },
    });
    expect(toHttpError(new ConflictError('Full', 'start')).status).toBe(409);
  });
  it('hides everything else behind a generic 500', () => {
    const mapped = toHttpError(new Error('ConditionalCheckFailed on table oneroof key pk=BOOKING#X'));
    expect(mapped.status).toBe(500);
    expect(JSON.stringify(mapped.body)).not.toContain('BOOKING');
  });
});

describe('errorMapper', () => {
  afterEach(() => vi.restoreAllMocks());
  const failingWith = (err: Error) =>
    middy(async (): Promise<APIGatewayProxyStructuredResultV2> => {
      throw err;
    }).use(errorMapper())({}, {} as Context);

  it('logs a 503 the caller is told to send again as a warning with its code, not as an unhandled error', async () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await failingWith(new ServiceUnavailableError());
    expect(res).toMatchObject({ statusCode: 503 });
    expect(JSON.parse(String(res.body))).toMatchObject({ error: 'unavailable' });
    expect(warn).toHaveBeenCalledWith('Request not completed, to be sent again', { status: 503, code: 'unavailable' });
    expect(error).not.toHaveBeenCalled();
  });

  it('logs any other failure as an unhandled error and answers a generic 500', async () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await failingWith(new Error('ConditionalCheckFailed on table oneroof'));
    expect(res).toMatchObject({ statusCode: 500 });
    expect(String(res.body)).not.toContain('oneroof');
    expect(error).toHaveBeenCalledTimes(1);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('redact', () => {
  it('replaces personal fields at any depth before logging', () => {
    const out = JSON.parse(JSON.stringify({ booking: { reference: 'AB12', alias: 'Sam', safeContact: { phone: '+32470000000' } } }, redact));
    expect(out).toEqual({ booking: { reference: 'AB12', alias: '[redacted]', safeContact: '[redacted]' } });
  });

  it("keeps an error's name, message and stack but still redacts personal fields on it and its cause", () => {
    const cause = Object.assign(new Error('inner'), { address: 'Kerkstraat 1' });
    const err = Object.assign(new Error('outer', { cause }), { code: 'E1', Item: { lat: 51.1, lon: 4.4, orderId: 'RO-1' } });
    const out = JSON.parse(JSON.stringify({ err }, redact));
    expect(out.err).toMatchObject({ name: 'Error', message: 'outer', code: 'E1', Item: { lat: '[redacted]', lon: '[redacted]', orderId: 'RO-1' } });
    expect(out.err.stack).toContain('outer');
    expect(out.err.cause).toMatchObject({ message: 'inner', address: '[redacted]' });
    expect(JSON.stringify(out)).not.toContain('Kerkstraat');
  });
});

describe('requireEnv', () => {
  it('fails fast with the variable name', () => {
    expect(() => requireEnv('ONEROOF_SURELY_UNSET')).toThrow('ONEROOF_SURELY_UNSET');
  });
});
