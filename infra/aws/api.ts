import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { ApiMapping, type CfnStage, DomainName, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPoolClient, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName } from '../../shared/functions.js';
import { routeKey, routes, type RouteDecl } from '../../shared/routes.js';
import type { OneRoofFunction } from './function.js';

export interface OneRoofApiProps {
  functions: Record<FunctionName, OneRoofFunction>;
  userPool: UserPool;
  staffConsoleClient: IUserPoolClient;
  monitoringClient: IUserPoolClient;
  logKey: IKey;
  logRetention: RetentionDays;
  throttle: { rateLimit: number; burstLimit: number };
  /**
   * The API's own domain (regional certificate). With it, the default execute-api endpoint is disabled
   * and CloudFront reaches the API there; without it, the handlers still refuse any request that did
   * not come through CloudFront (origin secret, shared/edge.ts).
   */
  domain?: { name: string; certificateArn: string } | undefined;
}

/**
 * Route-level throttles (requests per second, burst), each route with its own bucket: a flood on a
 * public route cannot spend the panic or the monitoring provider's capacity. Booking and PIN routes are
 * held low (a person books once; the PIN budget allows a few checks), the safety routes high.
 */
export const ROUTE_THROTTLES: Record<string, { rateLimit: number; burstLimit: number }> = {
  'POST /api/panic': { rateLimit: 50, burstLimit: 100 },
  'POST /api/contact-reports': { rateLimit: 20, burstLimit: 40 },
  'POST /api/monitoring/events': { rateLimit: 100, burstLimit: 200 },
  'POST /api/bookings': { rateLimit: 5, burstLimit: 10 },
  'GET /api/bookings/{reference}': { rateLimit: 10, burstLimit: 20 },
  'POST /api/bookings/{reference}/reschedule': { rateLimit: 5, burstLimit: 10 },
  'POST /api/bookings/{reference}/cancel': { rateLimit: 5, burstLimit: 10 },
  'DELETE /api/bookings/{reference}': { rateLimit: 5, burstLimit: 10 },
};

/**
 * Access log line: enough to operate the API, nothing about the caller. No source IP, user agent,
 * path, query string, header or claim: a victim's visit must leave no trail, not even in our logs.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  authorizerError: '$context.authorizer.error',
} as const;

/**
 * The HTTP API, built from shared/routes.ts: one route per declaration to its function (one Lambda
 * integration per function), a Cognito JWT authorizer on every non-public route — staff routes
 * accept only the staff console's tokens, the machine route only the monitoring client's, with its
 * scope — and `$default` to the health function, which answers unknown routes with 404/405 JSON.
 * Handlers then check the role or scope against the same route table.
 */
export class OneRoofApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** Route key → the CDK route, for tests and acknowledgements. */
  readonly routes = new Map<string, HttpRoute>();
  /** The API's own domain, when configured (the execute-api endpoint is then disabled). */
  readonly domainName: DomainName | undefined;

  constructor(scope: Construct, id: string, props: OneRoofApiProps) {
    super(scope, id);
    const { functions } = props;

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName): HttpLambdaIntegration => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}Integration`, functions[name]);
        integrations.set(name, integration);
      }
      return integration;
    };

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'OneRoof API (routes from shared/routes.ts)',
      createDefaultStage: false,
      defaultIntegration: integrationFor('health'),
      disableExecuteApiEndpoint: props.domain !== undefined,
    });

    const issuer = props.userPool.userPoolProviderUrl;
    const staffAuthorizer = new HttpJwtAuthorizer('StaffJwt', issuer, {
      authorizerName: 'staff-console',
      jwtAudience: [props.staffConsoleClient.userPoolClientId],
    });
    const machineAuthorizer = new HttpJwtAuthorizer('MachineJwt', issuer, {
      authorizerName: 'monitoring-provider',
      jwtAudience: [props.monitoringClient.userPoolClientId],
    });

    for (const route of routes) {
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.function),
        ...authFor(route, staffAuthorizer, machineAuthorizer),
      });
      if (!created) throw new Error(`No route created for ${routeKey(route)}`);
      this.routes.set(routeKey(route), created);
      if (route.access.kind === 'public') {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKey(route)} is public by declaration in shared/routes.ts (${route.summary}): victims use it without an account; the handler checks a reference + PIN or protection code where it holds data.`,
        });
      }
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      encryptionKey: props.logKey,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const known = new Set(routes.map(routeKey));
    for (const key of Object.keys(ROUTE_THROTTLES)) if (!known.has(key)) throw new Error(`ROUTE_THROTTLES: no route ${key} in shared/routes.ts`);
    (this.stage.node.defaultChild as CfnStage).addPropertyOverride(
      'RouteSettings',
      Object.fromEntries(Object.entries(ROUTE_THROTTLES).map(([key, t]) => [key, { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit }])),
    );

    if (props.domain) {
      this.domainName = new DomainName(this, 'Domain', {
        domainName: props.domain.name,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      });
      new ApiMapping(this, 'Mapping', { api: this.httpApi, domainName: this.domainName, stage: this.stage });
    }

    // The $default route answers unknown paths with 404 and wrong methods with 405; it reaches no data.
    const defaultRoute = this.httpApi.node.tryFindChild('DefaultRoute');
    if (defaultRoute) {
      Validations.of(defaultRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'The $default route only answers 404/405 JSON from the health function; every data route is declared with its own authorizer.',
      });
    }
  }
}

function authFor(route: RouteDecl, staff: HttpJwtAuthorizer, machine: HttpJwtAuthorizer): { authorizer?: HttpJwtAuthorizer; authorizationScopes?: string[] } {
  switch (route.access.kind) {
    case 'public':
      return {};
    case 'staff':
      return { authorizer: staff };
    case 'machine':
      return { authorizer: machine, authorizationScopes: [route.access.scope] };
  }
}
