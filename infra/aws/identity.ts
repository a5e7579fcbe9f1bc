import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPoolClient,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolGroup,
  UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { identity } from '../../shared/identity.js';
import { MONITORING_SCOPE, STAFF_ROLES } from '../../shared/roles.js';
import { PARTNERS, partnerGroup } from '../../shared/partners.js';
import { districtGroup, zoneGroup, ZONES } from '../../shared/zones-list.js';

export interface StaffIdentityProps {
  /** Hosted-UI domain prefix. */
  domainPrefix: string;
  /** Where the staff console lives (callback and sign-out URLs). */
  callbackUrls: string[];
  logoutUrls: string[];
}

/** `oneroof/monitoring.events` → `monitoring.events`, checked against the resource server's identifier. */
export function monitoringScopeName(): string {
  const prefix = `${identity.resourceServer}/`;
  if (!MONITORING_SCOPE.startsWith(prefix)) {
    throw new Error(`MONITORING_SCOPE (${MONITORING_SCOPE}) must start with the resource server identifier "${prefix}"`);
  }
  return MONITORING_SCOPE.slice(prefix.length);
}

/**
 * Staff identity: a Cognito user pool with one group per staff role, MFA required (TOTP),
 * administrators create every account, a staff-console client (authorization code + PKCE, no secret)
 * and a client-credentials client for the monitoring provider, scoped by a resource server.
 */
export class StaffIdentity extends Construct {
  readonly userPool: UserPool;
  readonly staffConsoleClient: UserPoolClient;
  readonly monitoringClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffIdentityProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      keepOriginal: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      userInvitation: {
        emailSubject: 'Your OneRoof staff account',
        emailBody:
          'An administrator created your OneRoof staff account. Username: {username} Temporary password: {####} ' +
          'You will set a new password and an authenticator app at first sign-in.',
      },
    });

    for (const role of STAFF_ROLES) {
      new UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `OneRoof staff role "${role}" (see shared/routes.ts for the routes it reaches)`,
      });
    }
    // A staff member's zone and districts travel in the access token as groups too (Cognito access
    // tokens carry `cognito:groups` but no custom attributes): `zone:<id>`, `district:<id>`.
    for (const zone of ZONES) {
      new UserPoolGroup(this, `Group-zone-${zone.id}`, { userPool: this.userPool, groupName: zoneGroup(zone.id), description: `Works in ${zone.name}` });
      for (const d of zone.districts) {
        new UserPoolGroup(this, `Group-district-${d.id}`, {
          userPool: this.userPool,
          groupName: districtGroup(d.id),
          description: `Covers ${d.name} (${zone.name})`,
        });
      }
    }

    // A partner worker's organisation, likewise: `partner:<id>`.
    for (const partner of PARTNERS) {
      new UserPoolGroup(this, `Group-partner-${partner.id}`, {
        userPool: this.userPool,
        groupName: partnerGroup(partner.id),
        description: `Works for ${partner.name}`,
      });
    }

    const scopeName = monitoringScopeName();
    const monitoringScope = new ResourceServerScope({
      scopeName,
      scopeDescription: 'Post device events from the electronic monitoring provider',
    });
    const resourceServer = new UserPoolResourceServer(this, 'ResourceServer', {
      userPool: this.userPool,
      identifier: identity.resourceServer,
      userPoolResourceServerName: 'OneRoof API',
      scopes: [monitoringScope],
    });

    const accessTokenValidity = Duration.minutes(identity.accessTokenMinutes);

    this.staffConsoleClient = this.userPool.addClient('StaffConsole', {
      userPoolClientName: 'staff-console',
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.logoutUrls,
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity,
      idTokenValidity: accessTokenValidity,
      // One shift; staff sign in again the next day.
      refreshTokenValidity: Duration.hours(identity.refreshTokenHours),
    });

    this.monitoringClient = this.userPool.addClient('Monitoring', {
      userPoolClientName: 'monitoring-provider',
      generateSecret: true,
      oAuth: {
        flows: { clientCredentials: true, authorizationCodeGrant: false, implicitCodeGrant: false },
        scopes: [OAuthScope.resourceServer(resourceServer, monitoringScope)],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity,
    });

    // Neither client signs users in through the API flows (SRP, custom): the staff console uses the hosted
    // sign-in (code + PKCE), the monitoring provider client credentials. Only token refresh stays.
    for (const client of [this.staffConsoleClient, this.monitoringClient]) {
      (client.node.defaultChild as CfnUserPoolClient).addPropertyOverride('ExplicitAuthFlows', ['ALLOW_REFRESH_TOKEN_AUTH']);
    }
    // Every refresh returns a new refresh token and retires the old one (a short grace for a lost reply).
    (this.staffConsoleClient.node.defaultChild as CfnUserPoolClient).addPropertyOverride('RefreshTokenRotation', {
      Feature: 'ENABLED',
      RetryGracePeriodSeconds: 10,
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
  }
}
