import { rmSync } from 'node:fs';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { demoUsers, identity } from '../../shared/identity.js';
import { topics } from '../../shared/topics.js';
import { MONITORING_SCOPE } from '../../shared/roles.js';
import type { FunctionName } from '../../shared/functions.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { startTestStack } from '../support/stack.js';
import { issuerUrl, loadIssuerKeys, mintAccessToken, subjectFor, type IssuerKeys } from '../../infra/local/tokens.js';

/**
 * The local gateway in-process against the test run's DynamoDB Local: tokens are verified as API
 * Gateway's JWT authorizer does before any handler runs, and the handler gets a payload 2.0 event.
 */
let stack: LocalStack;
let keys: IssuerKeys;
let dataDir: string;
const invocations: { fn: FunctionName; event: APIGatewayProxyEventV2WithJWTAuthorizer }[] = [];

const coordinator = demoUsers.find((u) => u.roles.includes('coordinator'))!;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('gateway', {
    onInvoke: (fn, event) => invocations.push({ fn, event: event as APIGatewayProxyEventV2WithJWTAuthorizer }),
  }));
  keys = await loadIssuerKeys(dataDir);
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function call(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(`${stack.urlFor(init.method ?? 'GET', path)}${path}`, { ...init, headers, redirect: 'manual' });
}

const lastInvocation = () => invocations.at(-1);

async function expectRejected(res: Response, status: number, message: RegExp): Promise<void> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: string; message: string };
  expect(body.error).toBe(status === 401 ? 'unauthorized' : 'forbidden');
  expect(body.message).toMatch(message);
}

describe('token verification (as the JWT authorizer)', () => {
  const staffRoute = '/api/staff/bookings/REF123';

  it('refuses a request without a token before the handler runs', async () => {
    const before = invocations.length;
    await expectRejected(await call(staffRoute), 401, /missing bearer token/);
    expect(invocations.length).toBe(before);
  });

  it('refuses a token with a bad signature', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ client_id: identity.localClients.staffConsole, username: coordinator.username, 'cognito:groups': ['coordinator'] })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(stack.issuer.url)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(other.privateKey);
    await expectRejected(await call(staffRoute, { token: forged }), 401, /signature is invalid/);

    const genuine = await stack.issuer.tokenFor('coordinator');
    const [h, p, s] = genuine.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['coordinator', 'supervisor'] })).toString('base64url')}.${s}`;
    await expectRejected(await call(staffRoute, { token: tampered }), 401, /signature is invalid/);
    await expectRejected(await call(staffRoute, { token: 'not-a-jwt' }), 401, /malformed/);
  });

  it('refuses a token from another issuer', async () => {
    const token = await mintAccessToken(keys, subjectFor('coordinator')!, { issuer: issuerUrl('http://127.0.0.1:1') });
    await expectRejected(await call(staffRoute, { token }), 401, /invalid issuer/);
  });

  it('refuses a token for another audience (client)', async () => {
    const token = await mintAccessToken(keys, { kind: 'client', clientId: 'someone-elses-client', scope: MONITORING_SCOPE }, { issuer: stack.issuer.url });
    await expectRejected(await call('/api/monitoring/events', { method: 'POST', token, body: '{}' }), 401, /invalid audience/);
  });

  it('refuses an expired token', async () => {
    const twoHoursAgo = Math.floor(Date.now() / 1000) - 2 * 3600;
    const token = await mintAccessToken(keys, subjectFor('coordinator')!, { issuer: stack.issuer.url, now: twoHoursAgo });
    await expectRejected(await call(staffRoute, { token }), 401, /expired/);
  });

  it('refuses a token that is not valid yet', async () => {
    const token = await new SignJWT({ client_id: identity.localClients.staffConsole })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(stack.issuer.url)
      .setSubject('x')
      .setIssuedAt()
      .setNotBefore('10m')
      .setExpirationTime('20m')
      .sign(keys.privateKey);
    await expectRejected(await call(staffRoute, { token }), 401, /not valid yet/);
  });

  it('passes a valid token to the handler, which checks the role from the claims', async () => {
    const token = await stack.issuer.tokenFor('coordinator');
    const res = await call(staffRoute, { token });
    expect([401, 403]).not.toContain(res.status);
    expect(lastInvocation()?.fn).toBe('bookings');
    expect(lastInvocation()?.event.requestContext.authorizer.jwt.claims).toMatchObject({
      username: coordinator.username,
      'cognito:groups': '[coordinator zone:ruppel]',
      client_id: identity.localClients.staffConsole,
      token_use: 'access',
      iss: stack.issuer.url,
    });

    const police = await stack.issuer.tokenFor('police');
    const wrongRole = await call(staffRoute, { token: police });
    expect(wrongRole.status).toBe(403);
    expect(lastInvocation()?.fn).toBe('bookings'); // the authorizer let it through; the handler refused the role
  });

  it('requires the monitoring scope on the machine route (403 like API Gateway), and accepts the client token', async () => {
    const staff = await stack.issuer.tokenFor('coordinator');
    await expectRejected(await call('/api/monitoring/events', { method: 'POST', token: staff, body: '{}' }), 403, /scope/);
    const machine = await stack.issuer.tokenFor('monitoring');
    const res = await call('/api/monitoring/events', { method: 'POST', token: machine, body: '{}', headers: { 'content-type': 'application/json' } });
    expect([401, 403]).not.toContain(res.status);
    expect(lastInvocation()?.event.requestContext.authorizer.jwt.claims).toMatchObject({
      scope: MONITORING_SCOPE,
      client_id: identity.localClients.monitoring,
    });
  });

  it('leaves public routes public, whatever the Authorization header holds', async () => {
    const res = await call('/api/health', { token: 'garbage' });
    expect(res.status).toBe(200);
    expect(lastInvocation()?.event.requestContext.authorizer).toBeUndefined();
  });
});

describe('the API Gateway payload 2.0 event', () => {
  it('has the route key, raw path and query, path parameters, lower-case headers, cookies and flattened claims', async () => {
    const token = await stack.issuer.tokenFor('sam.supervisor');
    await call('/api/cases/case%2042/followups/fu-1/complete?x=1&x=2&y=%C3%A9', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'yes', Cookie: 'a=1; b=2' },
      body: JSON.stringify({ outcome: 'done' }),
    });
    const { fn, event } = lastInvocation()!;
    expect(fn).toBe('cases');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/cases/{id}/followups/{followupId}/complete',
      rawPath: '/api/cases/case%2042/followups/fu-1/complete',
      rawQueryString: 'x=1&x=2&y=%C3%A9',
      queryStringParameters: { x: '1,2', y: 'é' },
      pathParameters: { id: 'case 42', followupId: 'fu-1' },
      cookies: ['a=1', 'b=2'],
      body: '{"outcome":"done"}',
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'POST /api/cases/{id}/followups/{followupId}/complete',
        stage: '$default',
        http: { method: 'POST', path: '/api/cases/case%2042/followups/fu-1/complete', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
        authorizer: { jwt: { claims: { 'cognito:groups': '[supervisor officer zone:ruppel]', username: 'sam.supervisor' }, scopes: ['openid', 'profile'] } },
      },
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-custom': 'yes' });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers.authorization).toMatch(/^Bearer /);
    expect(typeof event.requestContext.authorizer.jwt.claims.exp).toBe('string');
    expect(event.requestContext.timeEpoch).toEqual(expect.any(Number));
  });

  it('base64-encodes a binary body', async () => {
    await call('/api/panic', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255]) });
    const { event } = lastInvocation()!;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body as string, 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('answers an unknown route 404 JSON at either origin’s edge, before any function runs (as CloudFront’s function does)', async () => {
    const before = invocations.length;
    for (const origin of [stack.url, stack.staffUrl]) {
      const notFound = await fetch(`${origin}/api/nothing-here`);
      expect(notFound.status, origin).toBe(404);
      expect(await notFound.json()).toMatchObject({ error: 'not_found' });
    }
    expect(invocations.length).toBe(before);
  });

  it('sends a wrong method on an origin’s own path to the health function as $default (405 JSON naming that origin’s methods only)', async () => {
    const wrong = await call('/api/health', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(lastInvocation()).toMatchObject({ fn: 'health', event: { routeKey: '$default' } });
    // A service is read on both origins but changed on the staff origin only.
    const onStaff = await fetch(`${stack.staffUrl}/api/services/svc-1`, { method: 'DELETE' });
    expect(onStaff.status).toBe(405);
    expect(onStaff.headers.get('allow')).toBe('GET, PUT');
    expect(lastInvocation()).toMatchObject({ fn: 'health', event: { routeKey: '$default' } });
    // The victim origin never reveals a staff route's method: the same 404 as an unknown path, no function runs.
    const before = invocations.length;
    for (const method of ['DELETE', 'PUT']) {
      const onVictim = await fetch(`${stack.url}/api/services/svc-1`, { method });
      expect(onVictim.status, method).toBe(404);
      expect(onVictim.headers.get('allow'), method).toBeNull();
      expect(await onVictim.json()).toMatchObject({ error: 'not_found' });
    }
    expect(invocations.length).toBe(before);
  });

  it('refuses an oversized body with 413 before any handler runs', async () => {
    const before = invocations.length;
    const res = await call('/api/bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(invocations.length).toBe(before);
  });
});

describe('local-only dev routes', () => {
  it('fast-forwards the clock and sets it back', async () => {
    const before = (await (await call('/api/dev/clock')).json()) as { now: string; offsetMinutes: number };
    const moved = await call('/api/dev/clock', { method: 'POST', body: JSON.stringify({ advanceMinutes: 120 }) });
    expect(moved.status).toBe(200);
    const after = (await moved.json()) as { now: string; offsetMinutes: number };
    expect(after.offsetMinutes).toBe(before.offsetMinutes + 120);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(120 * 60_000);
    const bad = await call('/api/dev/clock', { method: 'POST', body: JSON.stringify({ advanceMinutes: 'soon' }) });
    expect(bad.status).toBe(400);
    const reset = await call('/api/dev/clock', { method: 'POST', body: JSON.stringify({ offsetMinutes: 0 }) });
    expect(((await reset.json()) as { offsetMinutes: number }).offsetMinutes).toBe(0);
  });

  it('lists the SNS messages published locally through the real SNS client, newest first', async () => {
    const sns = new SNSClient({ endpoint: stack.snsEndpoint });
    const topicArn = process.env[topics.policeAlerts.envVar] as string;
    expect(topicArn).toMatch(/:oneroof-policeAlerts$/);
    for (const subject of ['first', 'second']) {
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: subject,
          Message: 'ref only',
          MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' } },
        }),
      );
    }
    sns.destroy();
    const res = await call('/api/dev/notifications');
    expect(res.status).toBe(200);
    const listed = (await res.json()) as { subject: string; topic: string; attributes: Record<string, string> }[];
    expect(listed.slice(0, 2)).toMatchObject([{ subject: 'second', topic: 'oneroof-policeAlerts', attributes: { severity: 'high' } }, { subject: 'first' }]);
  });
});
