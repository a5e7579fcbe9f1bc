import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, DefaultStackSynthesizer, Duration, RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type DistributionProps,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { cspWithTiles, type TileSource } from '../../shared/map-tiles.js';
import { contentSecurityPolicy, securityHeaders, strictTransportSecurity } from '../../shared/security-headers.js';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/edge.js';
import { edgeRules, type WebOrigin } from '../../shared/routes.js';
import { STAFF_CONSOLE_PATH, STAFF_ONLY_PREFIXES } from '../../shared/web-origins.js';
import { warn } from './config.js';
import { REPO_ROOT } from './function.js';

export interface WebProps {
  api: IHttpApi;
  /** The API's own domain; otherwise CloudFront reaches it at its execute-api endpoint. */
  apiDomain?: string | undefined;
  /** https://<prefix>.auth.<region>.amazoncognito.com — the staff console signs in there. */
  cognitoDomainUrl: string;
  /** Public sign-in settings for the staff console, deployed as /staff/auth-config.json. */
  staffAuthConfig: Record<string, string>;
  /** The console's map tile source, when configured: its origin joins the CSP's img-src (and only then). */
  mapTiles?: TileSource | undefined;
  pwaDist: string;
  /** The victim app's own domain and its certificate (us-east-1). */
  domainName?: string | undefined;
  certificateArn?: string | undefined;
  /** The staff console's own domain and its certificate (us-east-1). */
  staffDomainName?: string | undefined;
  staffCertificateArn?: string | undefined;
  webAclArn?: string | undefined;
  /** Secrets Manager name of the value CloudFront adds to API requests (shared/edge.ts). */
  originVerifySecretName: string;
}

/** Adds sources to CSP directives of the shared policy (e.g. the Cognito domain for the staff sign-in). */
export function extendCsp(policy: string, extra: Record<string, string[]>): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  const seen = new Set<string>();
  const out = directives.map((d) => {
    const [name = '', ...sources] = d.split(/\s+/);
    seen.add(name);
    const add = extra[name] ?? [];
    return [name, ...sources, ...add].join(' ');
  });
  for (const [name, sources] of Object.entries(extra)) if (!seen.has(name)) out.push([name, "'self'", ...sources].join(' '));
  return out.join('; ');
}

/** `max-age=63072000; includeSubDomains; preload` → CloudFront's HSTS settings. */
export function parseHsts(value: string): { maxAge: Duration; includeSubdomains: boolean; preload: boolean } {
  const parts = value.split(';').map((p) => p.trim().toLowerCase());
  const maxAge = parts.find((p) => p.startsWith('max-age='));
  if (!maxAge) throw new Error(`HSTS value without max-age: ${value}`);
  return {
    maxAge: Duration.seconds(Number(maxAge.slice('max-age='.length))),
    includeSubdomains: parts.includes('includesubdomains'),
    preload: parts.includes('preload'),
  };
}

const REFERRER: Record<string, HeadersReferrerPolicy> = {
  'no-referrer': HeadersReferrerPolicy.NO_REFERRER,
  'same-origin': HeadersReferrerPolicy.SAME_ORIGIN,
  'strict-origin': HeadersReferrerPolicy.STRICT_ORIGIN,
};

const NOT_FOUND_JSON = JSON.stringify({ error: 'not_found', message: 'No such route' });
const NOT_FOUND_RESPONSE = (body: string, type: string) =>
  `{ statusCode: 404, statusDescription: 'Not Found', headers: { 'content-type': { value: '${type}' }, 'cache-control': { value: 'no-store' } }, body: ${JSON.stringify(body)} }`;

/**
 * Viewer request on the victim app's distribution: nothing with a staff name is served here (the
 * console and its sign-in live on the staff distribution; shared/web-origins.ts), and paths without a
 * file extension get the victim app's index.html.
 */
export const VICTIM_SITE = `var STAFF_ONLY = ${JSON.stringify(STAFF_ONLY_PREFIXES)};
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  for (var i = 0; i < STAFF_ONLY.length; i++) {
    if (uri === STAFF_ONLY[i] || uri.indexOf(STAFF_ONLY[i] + '/') === 0) return ${NOT_FOUND_RESPONSE('Not found', 'text/plain; charset=utf-8')};
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * Viewer request on the staff console's distribution: the console only. `/` redirects to it, paths
 * outside it are 404 (the victim app's files share the bucket but are never served here), and paths
 * under it without a file extension get the console's index.html.
 */
export const STAFF_SITE = `var BASE = ${JSON.stringify(STAFF_CONSOLE_PATH)};
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/') return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: BASE }, 'cache-control': { value: 'no-cache' } } };
  if (uri !== BASE.slice(0, -1) && uri.indexOf(BASE) !== 0) return ${NOT_FOUND_RESPONSE('Not found', 'text/plain; charset=utf-8')};
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = BASE + 'index.html';
  return request;
}`;

/**
 * Viewer request on /api/*: only what this distribution's origin serves passes (`edgeRules`, from
 * shared/routes.ts; the local gateway applies the same rules); anything else gets the API's own 404
 * answer here, so another origin's route never reaches the API through this distribution. Then the viewer's address
 * into VIEWER_ADDRESS_HEADER, replacing anything the viewer sent under that name (per-client limits
 * key on it; shared/edge.ts).
 */
export function apiViewerRequest(origin: WebOrigin): string {
  const table = edgeRules(origin)
    .map((r) => `[${JSON.stringify(r.method)}, ${String(r.pattern)}]`)
    .join(',\n  ');
  return `var ROUTES = [
  ${table}
];
function handler(event) {
  var request = event.request;
  var served = false;
  for (var i = 0; i < ROUTES.length && !served; i++) served = (ROUTES[i][0] === '*' || ROUTES[i][0] === request.method) && ROUTES[i][1].test(request.uri);
  if (!served) return ${NOT_FOUND_RESPONSE(NOT_FOUND_JSON, 'application/json; charset=utf-8')};
  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;
}

/** Files that must be revalidated on every load, so a new release (and the service worker) arrives at once. */
const NO_CACHE_FILES = ['*.html', 'sw.js', 'staff/sw.js', 'registerSW.js', '*.webmanifest', 'manifest.json', 'staff/auth-config.json'];

/**
 * The web front ends: a private, versioned S3 bucket behind two CloudFront distributions (Origin
 * Access Control), one origin each: the victim PWA at / with the public API routes it uses, and the
 * staff console at /staff/ with the staff API routes (both to the same HTTP API, each filtering by
 * shared/routes.ts), with strict security headers taken from shared/security-headers.ts.
 */
export class Web extends Construct {
  /** The victim app's distribution: the PWA and the public API routes it uses. */
  readonly distribution: Distribution;
  /** The staff console's distribution, another origin: the console and the staff API routes. */
  readonly staffDistribution: Distribution;
  readonly bucket: Bucket;
  /** The victim app's response headers; `staffHeaders` the console's (its CSP names the Cognito sign-in). */
  readonly headers: ResponseHeadersPolicy;
  readonly staffHeaders: ResponseHeadersPolicy;
  readonly apiHeaders: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    const logBucket = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // Access logs hold viewers' IP addresses: kept only as long as an incident review needs them.
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3-site/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Only the staff console signs in at Cognito (and shows map tiles, when a tile source is configured):
    // the victim app's policy names neither.
    const staffCsp = cspWithTiles(
      extendCsp(contentSecurityPolicy, {
        'connect-src': [props.cognitoDomainUrl],
        'form-action': [props.cognitoDomainUrl],
      }),
      props.mapTiles,
    );
    const hsts = parseHsts(strictTransportSecurity);
    const referrerPolicy = REFERRER[securityHeaders['referrer-policy']];
    if (!referrerPolicy) throw new Error(`Unsupported referrer policy ${securityHeaders['referrer-policy']}`);
    if (securityHeaders['x-frame-options'] !== 'DENY') throw new Error('Only X-Frame-Options DENY is supported here');
    const securityHeadersBehavior = (cspValue: string) => ({
      contentSecurityPolicy: { contentSecurityPolicy: cspValue, override: true },
      strictTransportSecurity: { accessControlMaxAge: hsts.maxAge, includeSubdomains: hsts.includeSubdomains, preload: hsts.preload, override: true },
      referrerPolicy: { referrerPolicy, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
    });
    const customHeadersBehavior = {
      customHeaders: [{ header: 'Permissions-Policy', value: securityHeaders['permissions-policy'], override: true }],
    };

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'OneRoof victim app: CSP, HSTS, no referrer, nosniff, frame denial (shared/security-headers.ts)',
      securityHeadersBehavior: securityHeadersBehavior(contentSecurityPolicy),
      customHeadersBehavior,
      removeHeaders: ['Server'],
    });
    this.staffHeaders = new ResponseHeadersPolicy(this, 'StaffSecurityHeaders', {
      comment: 'OneRoof staff console: CSP with the Cognito sign-in, HSTS, no referrer, nosniff, frame denial (shared/security-headers.ts)',
      securityHeadersBehavior: securityHeadersBehavior(staffCsp),
      customHeadersBehavior,
      removeHeaders: ['Server'],
    });
    // API answers are data, never documents: nothing may load or frame them, and nothing caches them.
    this.apiHeaders = new ResponseHeadersPolicy(this, 'ApiSecurityHeaders', {
      comment: 'OneRoof API: no content may load, HSTS, no referrer, nosniff, frame denial',
      securityHeadersBehavior: securityHeadersBehavior("default-src 'none'; frame-ancestors 'none'"),
      customHeadersBehavior: {
        customHeaders: [
          ...customHeadersBehavior.customHeaders,
          // A default: a handler that sets its own Cache-Control keeps it.
          { header: 'Cache-Control', value: 'no-store', override: false },
        ],
      },
      removeHeaders: ['Server'],
    });

    const viewerFunction = (fid: string, code: string, comment: string) =>
      new CloudFrontFunction(this, fid, { code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0, comment });
    const victimSite = viewerFunction('SpaFallback', VICTIM_SITE, 'Victim app: no staff path (404); index.html for app paths');
    const staffSite = viewerFunction('StaffSite', STAFF_SITE, 'Staff console: / redirects to /staff/, nothing outside it; index.html for its paths');
    const apiFilter: Record<WebOrigin, CloudFrontFunction> = {
      victim: viewerFunction(
        'ViewerAddress',
        apiViewerRequest('victim'),
        'Victim API: only the public routes the victim app uses; the viewer address, set by CloudFront',
      ),
      staff: viewerFunction('StaffApi', apiViewerRequest('staff'), 'Staff API: only the staff routes; the viewer address, set by CloudFront'),
    };

    const site = (fn: CloudFrontFunction, headers: ResponseHeadersPolicy): BehaviorOptions => ({
      // One origin (and Origin Access Control) per distribution, so the bucket policy names each distribution.
      origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      compress: true,
      functionAssociations: [{ function: fn, eventType: FunctionEventType.VIEWER_REQUEST }],
    });

    const apiDomain = props.apiDomain ?? `${props.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const api = (origin: WebOrigin): BehaviorOptions => ({
      origin: new HttpOrigin(apiDomain, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        // Resolved by CloudFormation at deploy time; the handlers compare it with the same secret.
        customHeaders: { [ORIGIN_VERIFY_HEADER]: SecretValue.secretsManager(props.originVerifySecretName).unsafeUnwrap() },
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.apiHeaders,
      compress: true,
      functionAssociations: [{ function: apiFilter[origin], eventType: FunctionEventType.VIEWER_REQUEST }],
    });

    // TLS 1.2+ is only enforceable with an own certificate; *.cloudfront.net keeps CloudFront's default policy.
    const custom = (cid: string, domainName: string | undefined, certificateArn: string | undefined) =>
      domainName && certificateArn
        ? {
            domainNames: [domainName],
            certificate: Certificate.fromCertificateArn(this, cid, certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};
    const common = {
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket,
      logIncludesCookies: false,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    };
    // Each origin: its site, its share of the API, and a service worker that is never cached at the edge.
    const distribution = (
      id: string,
      siteBehavior: BehaviorOptions,
      origin: WebOrigin,
      serviceWorker: string,
      own: Pick<DistributionProps, 'comment' | 'logFilePrefix' | 'defaultRootObject'>,
      certificate: ReturnType<typeof custom>,
    ) =>
      new Distribution(this, id, {
        defaultBehavior: siteBehavior,
        additionalBehaviors: {
          '/api/*': api(origin),
          [serviceWorker]: { ...siteBehavior, cachePolicy: CachePolicy.CACHING_DISABLED, functionAssociations: [] },
        },
        ...own,
        ...common,
        ...certificate,
      });
    this.distribution = distribution(
      'Distribution',
      site(victimSite, this.headers),
      'victim',
      '/sw.js',
      {
        comment: 'OneRoof victim app: the PWA and the public API routes it uses (no staff path)',
        defaultRootObject: 'index.html',
        logFilePrefix: 'cloudfront/',
      },
      custom('Certificate', props.domainName, props.certificateArn),
    );
    this.staffDistribution = distribution(
      'StaffDistribution',
      site(staffSite, this.staffHeaders),
      'staff',
      `${STAFF_CONSOLE_PATH}sw.js`,
      { comment: 'OneRoof staff console: the console and the staff API routes', logFilePrefix: 'cloudfront-staff/' },
      custom('StaffCertificate', props.staffDomainName, props.staffCertificateArn),
    );

    for (const [distribution, domainName, key] of [
      [this.distribution, props.domainName, 'oneroof:domainName'],
      [this.staffDistribution, props.staffDomainName, 'oneroof:staffDomainName'],
    ] as const) {
      if (!domainName) {
        Validations.of(distribution).acknowledge({
          id: 'AwsSolutions-CFR4',
          reason: `Without a custom domain (context ${key} + its certificate) CloudFront serves *.cloudfront.net with its default certificate, whose TLS policy cannot be raised; viewers are redirected to HTTPS and modern clients negotiate TLS 1.2+. Production sets a domain, which enforces TLSv1.2_2021.`,
        });
      }
      if (!props.webAclArn) {
        Validations.of(distribution).acknowledge({
          id: 'AwsSolutions-CFR2',
          reason:
            'A CloudFront web ACL must live in us-east-1 while this app is region-agnostic: deploy stack OneRoofEdge and pass its WebAclArn with context oneroof:webAclArn. Meanwhile routes are throttled one by one and every data route needs a token or a PIN with a budget.',
        });
      }
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR1',
        reason: 'No geo restriction on purpose: victims who fled abroad, and partners across borders, must still reach the booking and panic functions.',
      });
    }

    this.deploySite(props);
  }

  /** Uploads dist/pwa when it exists at synth time (`npm run build:pwa`), so synth stays offline and fast without it. */
  private deploySite(props: WebProps): void {
    const dist = join(REPO_ROOT, props.pwaDist);
    if (!existsSync(join(dist, 'index.html'))) {
      warn(this, 'no-pwa-build', `${props.pwaDist} not built: the site bucket stays empty. Run \`npm run build:pwa\` before \`cdk deploy\`.`);
      return;
    }
    const assets = new BucketDeployment(this, 'DeployAssets', {
      destinationBucket: this.bucket,
      sources: [Source.asset(dist)],
      exclude: NO_CACHE_FILES,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      prune: false,
      memoryLimit: 512,
    });
    const documents = new BucketDeployment(this, 'DeployDocuments', {
      destinationBucket: this.bucket,
      sources: [Source.asset(dist)],
      exclude: ['*'],
      include: NO_CACHE_FILES,
      cacheControl: [CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    documents.node.addDependency(assets);
    // The console's sign-in settings, then the staff distribution's invalidation (one distribution per deployment).
    const staffDocuments = new BucketDeployment(this, 'DeployStaffConfig', {
      destinationBucket: this.bucket,
      sources: [Source.jsonData(`${STAFF_CONSOLE_PATH.slice(1)}auth-config.json`, props.staffAuthConfig)],
      cacheControl: [CacheControl.noCache()],
      prune: false,
      distribution: this.staffDistribution,
      distributionPaths: [`${STAFF_CONSOLE_PATH}*`],
      memoryLimit: 512,
    });
    staffDocuments.node.addDependency(documents);
    this.acknowledgeDeploymentProvider();
  }

  /** BucketDeployment's provider is CDK's own deploy-time Lambda (one per stack and memory size). */
  private acknowledgeDeploymentProvider(): void {
    const stack = Stack.of(this);
    const qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const siteArn = `<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`;
    const why = 'CDK BucketDeployment provider, run only while deploying: ';
    for (const provider of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      Validations.of(provider).acknowledge(
        { id: 'AwsSolutions-L1', reason: `${why}its runtime is chosen and updated by aws-cdk-lib.` },
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: `${why}CDK gives it the basic execution role for its own logs; it holds no data.`,
        },
        ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: `${why}CDK's generated grant copies the built PWA from the CDK asset bucket into the site bucket only.`,
        })),
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
          reason: `${why}reads the uploaded PWA archive from the CDK bootstrap asset bucket.`,
        },
        { id: `AwsSolutions-IAM5[Resource::${siteArn}]`, reason: `${why}writes the PWA files into the site bucket.` },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: `${why}CDK grants cloudfront:CreateInvalidation/GetInvalidation on "*" to invalidate the distribution after an upload.`,
        },
      );
    }
  }
}
