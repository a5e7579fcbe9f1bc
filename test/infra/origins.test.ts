import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { STAFF_SITE, VICTIM_SITE } from '../../infra/aws/web.js';
import { VIEWER_ADDRESS_HEADER } from '../../shared/edge.js';
import { originsOf, passesEdge, routes, WEB_ORIGINS, type WebOrigin } from '../../shared/routes.js';
import { synthesize } from './synth.js';

/**
 * Two origins in AWS: the victim app's distribution and the staff console's. The CloudFront functions
 * are taken from the synthesized template and run here on CloudFront-shaped events, so what is
 * asserted is what deploys: every route passes exactly the edge of the origins that serve it.
 */
const s = synthesize();
afterAll(() => s.dispose());

type Resource = { Properties: Record<string, unknown> };
type CfResponse = { statusCode: number; headers?: Record<string, { value: string }>; body?: string };
type CfRequest = { method: string; uri: string; headers: Record<string, { value: string }> };
const resources = (type: string) => s.statelessTemplate.findResources(type) as Record<string, Resource>;
const distributions = resources('AWS::CloudFront::Distribution');
const cfFunctions = resources('AWS::CloudFront::Function');

/** The viewer-request function a distribution's behaviour runs (`/api/*` or its default). */
function functionOf(distributionId: string, pathPattern?: string): (method: string, uri: string) => CfRequest | CfResponse {
  const dc = distributions[distributionId]!.Properties.DistributionConfig as Record<string, unknown>;
  const behaviour = pathPattern
    ? (dc.CacheBehaviors as Record<string, unknown>[]).find((b) => b.PathPattern === pathPattern)!
    : (dc.DefaultCacheBehavior as Record<string, unknown>);
  const arn = (behaviour.FunctionAssociations as { FunctionARN: { 'Fn::GetAtt': [string, string] } }[])[0]!.FunctionARN;
  const code = String(cfFunctions[arn['Fn::GetAtt'][0]]!.Properties.FunctionCode);
  return (method, uri) =>
    runInNewContext(`${code}\nhandler(event)`, { event: { request: { method, uri, headers: {} }, viewer: { ip: '203.0.113.9' } } }) as CfRequest | CfResponse;
}

const ids: Record<WebOrigin, string> = { victim: s.logicalId(s.stateless.web.distribution), staff: s.logicalId(s.stateless.web.staffDistribution) };
const samplePath = (path: string) => path.replace(/\{[^}]+\}/g, 'X1');
const isResponse = (r: CfRequest | CfResponse): r is CfResponse => 'statusCode' in r;

describe('two web origins', () => {
  it('are two distributions', () => {
    expect(Object.keys(distributions).sort()).toEqual(Object.values(ids).sort());
  });

  describe.each(WEB_ORIGINS)('the %s distribution’s API filter', (origin) => {
    const api = functionOf(ids[origin], '/api/*');
    it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_key, route) => {
      const out = api(route.method, samplePath(route.path));
      const served = originsOf(route).includes(origin);
      expect(passesEdge(origin, route.method, samplePath(route.path))).toBe(served);
      if (served) {
        expect(isResponse(out)).toBe(false);
        expect((out as CfRequest).headers[VIEWER_ADDRESS_HEADER]).toEqual({ value: '203.0.113.9' });
      } else {
        expect(out).toMatchObject({ statusCode: 404 });
        expect(JSON.parse((out as CfResponse).body as string)).toEqual({ error: 'not_found', message: 'No such route' });
      }
    });

    it('stops an unknown path with the API’s 404', () => {
      expect(api('GET', '/api/nothing-here')).toMatchObject({ statusCode: 404 });
    });
  });

  it('the victim edge serves no staff or sign-in path and falls back to the victim app', () => {
    const site = functionOf(ids.victim);
    for (const uri of ['/staff', '/staff/', '/staff/index.html', '/staff/auth-config.json', '/auth/authorize'])
      expect(site('GET', uri), uri).toMatchObject({ statusCode: 404 });
    expect(site('GET', '/book/counselling')).toMatchObject({ uri: '/index.html' });
    expect(site('GET', '/assets/app-1.js')).toMatchObject({ uri: '/assets/app-1.js' });
    expect(VICTIM_SITE).not.toContain('cognito');
  });

  it('the staff edge serves the console only: / redirects to it, the victim app is not there', () => {
    const site = functionOf(ids.staff);
    expect(site('GET', '/')).toMatchObject({ statusCode: 302, headers: { location: { value: '/staff/' } } });
    for (const uri of ['/index.html', '/sw.js', '/manifest.webmanifest', '/book/counselling']) expect(site('GET', uri), uri).toMatchObject({ statusCode: 404 });
    expect(site('GET', '/staff/cases/C-1')).toMatchObject({ uri: '/staff/index.html' });
    expect(site('GET', '/staff/assets/app-1.js')).toMatchObject({ uri: '/staff/assets/app-1.js' });
    expect(STAFF_SITE.length).toBeLessThan(10_240);
  });

  it('every CloudFront function stays within its 10 KB code limit', () => {
    for (const fn of Object.values(cfFunctions)) expect(String(fn.Properties.FunctionCode).length).toBeLessThan(10_240);
  });

  it('the staff console signs in at and links to its own origin', () => {
    const outputs = (s.statelessTemplate.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
    expect(JSON.stringify(outputs.StaffUrl?.Value)).toContain(ids.staff);
    expect(JSON.stringify(outputs.WebUrl?.Value)).toContain(ids.victim);
  });
});
