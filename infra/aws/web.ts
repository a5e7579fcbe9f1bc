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
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { cspWithTiles, type TileSource } from '../../shared/map-tiles.js';
import { contentSecurityPolicy, securityHeaders, strictTransportSecurity } from '../../shared/security-headers.js';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/edge.js';
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
  domainName?: string | undefined;
  certificateArn?: string | undefined;
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

/**
 * Viewer request: the staff console is a single-page app under /staff/, the victim PWA under /;
 * paths without a file extension get the app's index.html. API paths never reach this function.
 */
const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') !== -1) return request;
  if (uri === '/staff' || uri.indexOf('/staff/') === 0) {
    request.uri = '/staff/index.html';
  } else {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * Viewer request on /api/*: the viewer's address into VIEWER_ADDRESS_HEADER, replacing anything the
 * viewer sent under that name (per-client limits key on it; shared/edge.ts).
 */
const VIEWER_ADDRESS = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;

/** Files that must be revalidated on every load, so a new release (and the service worker) arrives at once. */
const NO_CACHE_FILES = ['*.html', 'sw.js', 'staff/sw.js', 'registerSW.js', '*.webmanifest', 'manifest.json', 'staff/auth-config.json'];

/**
 * The web front ends: a private, versioned S3 bucket behind CloudFront (Origin Access Control),
 * the victim PWA at /, the staff console at /staff/, the API at /api/*, with strict security headers
 * taken from shared/security-headers.ts.
 */
export class Web extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly headers: ResponseHeadersPolicy;
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

    const csp = cspWithTiles(
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
      comment: 'OneRoof web: CSP, HSTS, no referrer, nosniff, frame denial (shared/security-headers.ts)',
      securityHeadersBehavior: securityHeadersBehavior(csp),
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

    const spaFallback = new CloudFrontFunction(this, 'SpaFallback', {
      code: FunctionCode.fromInline(SPA_FALLBACK),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'index.html of the victim PWA (/) or the staff console (/staff/) for app paths',
    });

    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const site: BehaviorOptions = {
      origin: siteOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: this.headers,
      compress: true,
      functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
    };

    const viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      code: FunctionCode.fromInline(VIEWER_ADDRESS),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'The viewer address for per-client limits, set by CloudFront (never the client)',
    });

    const apiDomain = props.apiDomain ?? `${props.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const api: BehaviorOptions = {
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
      functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
    };

    // TLS 1.2+ is only enforceable with an own certificate; *.cloudfront.net keeps CloudFront's default policy.
    const custom =
      props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'OneRoof: victim PWA, staff console, API',
      defaultBehavior: site,
      additionalBehaviors: {
        '/api/*': api,
        '/staff/*': site,
        '/sw.js': { ...site, cachePolicy: CachePolicy.CACHING_DISABLED, functionAssociations: [] },
      },
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...custom,
    });

    if (!props.domainName) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain (context oneroof:domainName + certificateArn) CloudFront serves *.cloudfront.net with its default certificate, whose TLS policy cannot be raised; viewers are redirected to HTTPS and modern clients negotiate TLS 1.2+. Production sets a domain, which enforces TLSv1.2_2021.',
      });
    }
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1 while this app is region-agnostic: deploy stack OneRoofEdge and pass its WebAclArn with context oneroof:webAclArn. Meanwhile routes are throttled one by one and every data route needs a token or a PIN with a budget.',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction on purpose: victims who fled abroad, and partners across borders, must still reach the booking and panic functions.',
    });

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
      sources: [Source.asset(dist), Source.jsonData('staff/auth-config.json', props.staffAuthConfig)],
      exclude: ['*'],
      include: NO_CACHE_FILES,
      cacheControl: [CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    documents.node.addDependency(assets);
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
