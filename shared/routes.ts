import { ValidationError } from './errors.js';
import type { FunctionName } from './functions.js';
import { MONITORING_SCOPE, type StaffRole } from './roles.js';

/**
 * The route table, declared once. The CDK stack builds the HTTP API from it (a JWT authorizer on
 * every non-public route); the local gateway routes and verifies with it; handlers check the role
 * or scope from the claims against it. Nothing is reachable unless it is listed here.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Access = { kind: 'public' } | { kind: 'staff'; roles: readonly StaffRole[] } | { kind: 'machine'; scope: string };

/**
 * The two web origins, each its own CloudFront distribution in AWS and its own port locally: the
 * victim app's and the staff console's (with its sign-in). Neither serves the other's routes, so
 * nothing with a staff name or a staff route is ever reachable under the victim app's origin.
 */
export const WEB_ORIGINS = ['victim', 'staff'] as const;
export type WebOrigin = (typeof WEB_ORIGINS)[number];

export interface RouteDecl {
  method: Method;
  /** API Gateway path syntax: `/api/services/{id}/slots`. */
  path: `/api/${string}`;
  function: FunctionName;
  access: Access;
  summary: string;
  /** The origins whose API serves the route; absent: derived from `access` (`originsOf`). */
  origins?: readonly WebOrigin[];
}

const PUBLIC: Access = { kind: 'public' };
const staff = (...roles: StaffRole[]): Access => ({ kind: 'staff', roles });
const MACHINE: Access = { kind: 'machine', scope: MONITORING_SCOPE };
/** A public route the staff console reads as well (the catalogue its coordinator screens edit). */
const BOTH: readonly WebOrigin[] = ['victim', 'staff'];
/** A public route the victim app never calls. */
const STAFF_ONLY: readonly WebOrigin[] = ['staff'];

export const routes = [
  { method: 'GET', path: '/api/health', function: 'health', access: PUBLIC, summary: 'Health and version', origins: BOTH },
  { method: 'GET', path: '/api/openapi.json', function: 'health', access: PUBLIC, summary: 'This API as an OpenAPI 3.1 document', origins: STAFF_ONLY },

  // Catalogue
  { method: 'GET', path: '/api/contact-points', function: 'catalog', access: PUBLIC, summary: 'Contact points of the FJC partners', origins: BOTH },
  { method: 'GET', path: '/api/services', function: 'catalog', access: PUBLIC, summary: 'The FJC service catalogue', origins: BOTH },
  { method: 'GET', path: '/api/services/{id}', function: 'catalog', access: PUBLIC, summary: 'One FJC service', origins: BOTH },
  { method: 'POST', path: '/api/contact-points', function: 'catalog', access: staff('coordinator'), summary: 'Add a contact point' },
  { method: 'PUT', path: '/api/contact-points/{id}', function: 'catalog', access: staff('coordinator'), summary: 'Change a contact point' },
  { method: 'DELETE', path: '/api/contact-points/{id}', function: 'catalog', access: staff('coordinator'), summary: 'Remove a contact point' },
  { method: 'POST', path: '/api/services', function: 'catalog', access: staff('coordinator'), summary: 'Add a service' },
  { method: 'PUT', path: '/api/services/{id}', function: 'catalog', access: staff('coordinator'), summary: 'Change a service, its opening rules and closures' },

  // Bookings: victims hold a reference + PIN (PIN in the X-Booking-Pin header, never in the URL)
  { method: 'GET', path: '/api/services/{id}/slots', function: 'bookings', access: PUBLIC, summary: 'Free slots of a service' },
  { method: 'POST', path: '/api/bookings', function: 'bookings', access: PUBLIC, summary: 'Book a slot' },
  { method: 'GET', path: '/api/bookings/{reference}', function: 'bookings', access: PUBLIC, summary: 'View a booking (PIN in header)' },
  { method: 'POST', path: '/api/bookings/{reference}/reschedule', function: 'bookings', access: PUBLIC, summary: 'Move a booking (PIN in header)' },
  {
    method: 'PUT',
    path: '/api/bookings/{reference}/contact',
    function: 'bookings',
    access: PUBLIC,
    summary: 'Change her safe-contact choices and whether the police may take them over (PIN in header)',
  },
  { method: 'POST', path: '/api/bookings/{reference}/cancel', function: 'bookings', access: PUBLIC, summary: 'Cancel a booking (PIN in header)' },
  { method: 'DELETE', path: '/api/bookings/{reference}', function: 'bookings', access: PUBLIC, summary: 'Erase a booking at once (PIN in header)' },
  { method: 'GET', path: '/api/staff/bookings', function: 'bookings', access: staff('coordinator'), summary: 'Bookings of a service on a day' },
  {
    method: 'GET',
    path: '/api/staff/bookings/{reference}',
    function: 'bookings',
    access: staff('coordinator'),
    summary: 'One booking with needs and safe contact (audited)',
  },
  { method: 'POST', path: '/api/staff/bookings/{reference}/confirm', function: 'bookings', access: staff('coordinator'), summary: 'Confirm a booking' },
  { method: 'POST', path: '/api/staff/bookings/{reference}/attendance', function: 'bookings', access: staff('coordinator'), summary: 'Mark attendance' },

  // Cases and follow-ups
  { method: 'POST', path: '/api/cases', function: 'cases', access: staff('officer'), summary: 'Open a case' },
  { method: 'GET', path: '/api/cases', function: 'cases', access: staff('officer', 'supervisor'), summary: 'My cases (supervisors: the team)' },
  { method: 'GET', path: '/api/cases/{id}', function: 'cases', access: staff('officer', 'supervisor'), summary: 'One case with its follow-ups (audited)' },
  { method: 'PATCH', path: '/api/cases/{id}', function: 'cases', access: staff('officer', 'supervisor'), summary: 'Change risk, FJC introduction, links' },
  {
    method: 'POST',
    path: '/api/cases/{id}/safe-contact/from-booking',
    function: 'cases',
    access: staff('officer', 'supervisor'),
    summary: "Take over her booking's safe-contact choices, only with her consent (audited)",
  },
  {
    method: 'GET',
    path: '/api/followups',
    function: 'cases',
    access: staff('officer', 'supervisor'),
    summary: 'My follow-ups: overdue, due today, next 7 days',
  },
  { method: 'POST', path: '/api/cases/{id}/followups', function: 'cases', access: staff('officer', 'supervisor'), summary: 'Add a follow-up' },
  {
    method: 'POST',
    path: '/api/cases/{id}/followups/{followupId}/complete',
    function: 'cases',
    access: staff('officer', 'supervisor'),
    summary: 'Complete a follow-up with an outcome',
  },
  {
    method: 'POST',
    path: '/api/cases/{id}/followups/{followupId}/reschedule',
    function: 'cases',
    access: staff('officer', 'supervisor'),
    summary: 'Reschedule a follow-up',
  },
  {
    method: 'POST',
    path: '/api/cases/{id}/followups/{followupId}/reassign',
    function: 'cases',
    access: staff('officer', 'supervisor'),
    summary: 'Reassign a follow-up',
  },
  {
    method: 'GET',
    path: '/api/staff/officers',
    function: 'cases',
    access: staff('officer', 'supervisor'),
    summary: 'Active officers of a zone (who may own a follow-up)',
  },

  // Restraining orders, monitoring and alerts
  { method: 'POST', path: '/api/orders', function: 'orders', access: staff('police'), summary: 'Create an order' },
  { method: 'GET', path: '/api/orders', function: 'orders', access: staff('police', 'supervisor'), summary: 'Active orders' },
  { method: 'GET', path: '/api/orders/{id}', function: 'orders', access: staff('police', 'supervisor'), summary: 'One order (audited)' },
  { method: 'PUT', path: '/api/orders/{id}', function: 'orders', access: staff('police'), summary: 'Change an order (new version)' },
  { method: 'POST', path: '/api/orders/{id}/end', function: 'orders', access: staff('police'), summary: 'End an order' },
  {
    method: 'POST',
    path: '/api/orders/{id}/protection-code',
    function: 'orders',
    access: staff('police'),
    summary: 'Issue a new protection code (shown once; the old one stops working; audited)',
  },
  { method: 'GET', path: '/api/orders/{id}/positions', function: 'orders', access: staff('police'), summary: 'Position fixes kept for an order (audited)' },
  { method: 'POST', path: '/api/monitoring/events', function: 'monitoring', access: MACHINE, summary: 'Device events from the monitoring provider' },
  { method: 'POST', path: '/api/panic', function: 'monitoring', access: PUBLIC, summary: 'Panic from a protected person (protection code)' },
  {
    method: 'POST',
    path: '/api/panic/status',
    function: 'monitoring',
    access: PUBLIC,
    summary: 'What became of a panic: received, sent to police, seen by an officer (protection code)',
  },
  {
    method: 'POST',
    path: '/api/protection/duress-code',
    function: 'monitoring',
    access: PUBLIC,
    summary: 'Set or remove a duress code (protection code in the body)',
  },
  {
    method: 'POST',
    path: '/api/duress',
    function: 'monitoring',
    access: PUBLIC,
    summary: 'A duress code typed into the neutral screen: a silent panic on a match, the same answer otherwise',
  },
  { method: 'POST', path: '/api/contact-reports', function: 'monitoring', access: PUBLIC, summary: 'A protected person reports contact (protection code)' },
  { method: 'GET', path: '/api/alerts', function: 'alerts', access: staff('police', 'supervisor'), summary: 'Open alerts, most severe and newest first' },
  { method: 'GET', path: '/api/alerts/{id}', function: 'alerts', access: staff('police', 'supervisor'), summary: 'One alert (audited)' },
  { method: 'POST', path: '/api/alerts/{id}/acknowledge', function: 'alerts', access: staff('police'), summary: 'Acknowledge an alert' },
  { method: 'POST', path: '/api/alerts/{id}/resolve', function: 'alerts', access: staff('police'), summary: 'Resolve an alert with an outcome' },

  // Staff console Web Push: the devices that receive alerts, reminders and escalations
  {
    method: 'GET',
    path: '/api/push/key',
    function: 'push',
    access: staff('police', 'officer', 'supervisor'),
    summary: 'The VAPID public key to subscribe with (when push is configured)',
  },
  { method: 'GET', path: '/api/push/devices', function: 'push', access: staff('police', 'officer', 'supervisor'), summary: 'My devices that receive pushes' },
  { method: 'POST', path: '/api/push/devices', function: 'push', access: staff('police', 'officer', 'supervisor'), summary: 'Register this device for pushes' },
  { method: 'DELETE', path: '/api/push/devices/{id}', function: 'push', access: staff('police', 'officer', 'supervisor'), summary: 'Remove one of my devices' },

  // Reports and audit
  {
    method: 'GET',
    path: '/api/reports/monthly',
    function: 'reports',
    access: staff('authority', 'coordinator', 'supervisor'),
    summary: 'Monthly report (JSON or CSV)',
  },
  { method: 'GET', path: '/api/audit/{entity}/{id}', function: 'audit', access: staff('coordinator', 'supervisor'), summary: 'Audit trail of one entity' },

  // Police interventions: the record at the scene opens the case, its follow-ups and the FJC introduction
  {
    method: 'POST',
    path: '/api/interventions',
    function: 'interventions',
    access: staff('police'),
    summary: 'Record an intervention: the case, its follow-ups, the FJC introduction and the counters in one transaction (Idempotency-Key)',
  },
  {
    method: 'GET',
    path: '/api/interventions/{id}',
    function: 'interventions',
    access: staff('police', 'officer', 'supervisor'),
    summary: 'One intervention of your zone (audited)',
  },

  // The respondent's conditions: programme attendance and justice-house reports, and the compliance timeline
  {
    method: 'GET',
    path: '/api/orders/conditions',
    function: 'orders',
    access: staff('partner'),
    summary: "Active orders with a condition the caller's organisation runs: what it needs to record sessions, no victim data (audited)",
  },
  {
    method: 'POST',
    path: '/api/orders/{id}/attendance',
    function: 'orders',
    access: staff('partner'),
    summary: 'The partner a condition names records a session or report: attended or missed (a missed one alerts police and the case officer)',
  },
  {
    method: 'GET',
    path: '/api/orders/{id}/timeline',
    function: 'orders',
    access: staff('police', 'officer', 'supervisor'),
    summary: 'Compliance timeline of an order: fixes, alerts, attendance, violations in order (audited)',
  },
  // FJC family cases shared across partners (functions/fjc): every read goes through the consent policy (shared/fjc/policy.ts)
  {
    method: 'POST',
    path: '/api/fjc/referrals-from-police',
    function: 'fjc',
    access: staff('police', 'officer', 'case_director'),
    summary:
      "A police case of the caller's zone referred to the FJC (by police, or the case director taking up an intervention's referral): it becomes a family case",
  },
  {
    method: 'POST',
    path: '/api/fjc/cases-from-booking',
    function: 'fjc',
    access: staff('case_director'),
    summary: "A family case opened from the victim's own booking of an FJC intake service (linked, never copied)",
  },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/close',
    function: 'fjc',
    access: staff('case_director'),
    summary: 'Close a family case, with a reason: escalations stop, partners and her code lose access, retention starts',
  },
  {
    method: 'POST',
    path: '/api/fjc/cases',
    function: 'fjc',
    access: staff('partner', 'case_director'),
    summary: 'Open a family case (a partner, or a case director)',
  },
  { method: 'GET', path: '/api/fjc/cases', function: 'fjc', access: staff('case_director'), summary: "The zone's family cases" },
  {
    method: 'GET',
    path: '/api/fjc/cases/{id}',
    function: 'fjc',
    access: staff('partner', 'case_director'),
    summary: 'One family case, each section only as consent allows the reader (audited)',
  },
  {
    method: 'GET',
    path: '/api/fjc/cases/{id}/shares',
    function: 'fjc',
    access: staff('partner', 'case_director'),
    summary: 'What the victim shared from her space with the case, only as consent to notes allows the reader (audited)',
  },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/consents',
    function: 'fjc',
    access: staff('partner', 'case_director'),
    summary: "Record the victim's consent for a partner and kinds of information",
  },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/consents/withdraw',
    function: 'fjc',
    access: staff('partner', 'case_director'),
    summary: 'Record that the victim withdrew a consent',
  },
  { method: 'POST', path: '/api/fjc/cases/{id}/notes', function: 'fjc', access: staff('case_director'), summary: 'Add a case note' },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/referrals',
    function: 'fjc',
    access: staff('case_director'),
    summary: 'Refer the family to a partner, with a due date for first contact',
  },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/referrals/{partnerId}/accept',
    function: 'fjc',
    access: staff('partner'),
    summary: 'Accept a referral to your organisation',
  },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/referrals/{partnerId}/decline',
    function: 'fjc',
    access: staff('partner'),
    summary: 'Decline a referral to your organisation, with a reason',
  },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/consultations',
    function: 'fjc',
    access: staff('case_director'),
    summary: 'Convene a case consultation (purpose, legal basis, start and end, participants)',
  },
  {
    method: 'GET',
    path: '/api/fjc/cases/{id}/consultations/{consultationId}',
    function: 'fjc',
    access: staff('partner', 'case_director'),
    summary: 'A consultation: the summary during it, the minutes for participants (audited)',
  },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/consultations/{consultationId}/minutes',
    function: 'fjc',
    access: staff('case_director'),
    summary: "Minute a consultation's decisions and actions",
  },
  { method: 'POST', path: '/api/fjc/cases/{id}/actions', function: 'fjc', access: staff('case_director'), summary: 'Add an action to the joint action plan' },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/actions/{actionId}/status',
    function: 'fjc',
    access: staff('partner', 'case_director'),
    summary: "Change an action's status (its owning partner, or the case director)",
  },
  {
    method: 'POST',
    path: '/api/fjc/cases/{id}/victim-code',
    function: 'fjc',
    access: staff('case_director'),
    summary: 'Issue the victim a case code (shown once; the old one stops working; audited)',
  },
  { method: 'GET', path: '/api/fjc/inbox', function: 'fjc', access: staff('partner'), summary: "A partner worker's referrals, actions and consultations" },
  {
    method: 'GET',
    path: '/api/fjc/dashboard',
    function: 'fjc',
    access: staff('case_director'),
    summary: "A case director's families, late actions, overdue referrals and consents to renew",
  },
  {
    method: 'POST',
    path: '/api/fjc/victim/view',
    function: 'fjc',
    access: PUBLIC,
    summary: 'The victim, with her case code: which partners know about her and what each may see',
  },
  { method: 'POST', path: '/api/fjc/victim/withdraw', function: 'fjc', access: PUBLIC, summary: 'The victim withdraws a consent with her case code' },

  // Her own space: authorised by the auth secret her browser derives from her passphrase (X-Space-Auth header, never in the URL)
  { method: 'POST', path: '/api/space', function: 'space', access: PUBLIC, summary: 'Create her space (auth secret in header)' },
  { method: 'GET', path: '/api/space', function: 'space', access: PUBLIC, summary: 'Open her space: everything, encrypted (auth secret in header)' },
  { method: 'DELETE', path: '/api/space', function: 'space', access: PUBLIC, summary: 'Erase her space and withdraw its shares (auth secret in header)' },
  { method: 'PUT', path: '/api/space/plan', function: 'space', access: PUBLIC, summary: 'Replace her encrypted safety plan (version check)' },
  { method: 'PUT', path: '/api/space/self-check', function: 'space', access: PUBLIC, summary: 'Keep her encrypted self-check' },
  { method: 'POST', path: '/api/space/journal', function: 'space', access: PUBLIC, summary: 'Append an encrypted journal entry to the hash chain' },
  { method: 'POST', path: '/api/space/photos', function: 'space', access: PUBLIC, summary: 'Store an encrypted photo of a journal entry' },
  { method: 'POST', path: '/api/space/callbacks', function: 'space', access: PUBLIC, summary: 'Ask for a call-back: the officer is reminded' },
  {
    method: 'GET',
    path: '/api/callbacks/{id}',
    function: 'space',
    access: staff('officer', 'supervisor', 'case_director'),
    summary: 'Open a call-back request: her number and safe-contact choices (audited)',
  },
  {
    method: 'POST',
    path: '/api/callbacks/{id}/done',
    function: 'space',
    access: staff('officer', 'supervisor', 'case_director'),
    summary: 'Mark a call-back request done (the same staff who may open it; audited)',
  },
  { method: 'POST', path: '/api/space/link', function: 'space', access: PUBLIC, summary: 'Link her space to her case with the case code' },
  {
    method: 'PUT',
    path: '/api/space/safe-contact',
    function: 'space',
    access: PUBLIC,
    summary: 'Update the safe-contact choices the officer of her linked police case reads',
  },
  {
    method: 'POST',
    path: '/api/space/shares',
    function: 'space',
    access: PUBLIC,
    summary: 'Share her plan or chosen entries with her case (read grant, audited)',
  },
  { method: 'DELETE', path: '/api/space/shares/{id}', function: 'space', access: PUBLIC, summary: 'Revoke a share: the shared copy is deleted (audited)' },
  { method: 'POST', path: '/api/space/export', function: 'space', access: PUBLIC, summary: "The server's signed statement of her journal chain" },
] as const satisfies readonly RouteDecl[];

/** One declared route, with its literal method, path and function. */
export type Route = (typeof routes)[number];
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** `GET /api/services/{id}`: the route keys of the table, as API Gateway spells them. */
export type RouteKey = KeyOf<Route>;
/** The route keys the table gives to one function: what its operations map must hold, exactly. */
export type RouteKeyOf<F extends FunctionName> = KeyOf<Extract<Route, { function: F }>>;

export const routeKey = (r: Pick<RouteDecl, 'method' | 'path'>): string => `${r.method} ${r.path}`;

const byKey = new Map(routes.map((r) => [routeKey(r), r]));

export function routeByKey(key: string): RouteDecl | undefined {
  return byKey.get(key);
}

function compile(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((seg) => (/^\{[^}]+\}$/.test(seg) ? '([^/]+)' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}

/**
 * Where a route is served: public routes on the victim origin (the victim app calls them), staff and
 * machine routes on the staff origin, unless the route names its origins.
 */
export function originsOf(route: Pick<RouteDecl, 'access' | 'origins'>): readonly WebOrigin[] {
  if (route.origins) return route.origins;
  return route.access.kind === 'public' ? ['victim'] : ['staff'];
}

const compiled = routes.map((r) => ({
  route: r as RouteDecl,
  regex: compile(r.path),
  names: [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
}));

/**
 * What one origin's edge lets through to the API (CloudFront function in AWS, the local gateway
 * locally): a declared path with the methods the origin serves on it, or with any method (`*`) where
 * every route on that path is the origin's own, so a wrong method still gets the API's 405 naming
 * only this origin's methods. Everything else is answered 404 at the edge, as an unknown path is.
 */
export interface EdgeRule {
  method: Method | '*';
  /** The path as a regular expression (`^\/api\/services\/([^/]+)$`). */
  pattern: RegExp;
}

export function edgeRules(origin: WebOrigin): EdgeRule[] {
  const rules: EdgeRule[] = [];
  for (const path of new Set(routes.map((r) => r.path))) {
    const onPath: RouteDecl[] = routes.filter((r) => r.path === path);
    const mine = onPath.filter((r) => originsOf(r).includes(origin));
    if (mine.length === 0) continue;
    if (mine.length === onPath.length) rules.push({ method: '*', pattern: compile(path) });
    else for (const r of mine) rules.push({ method: r.method, pattern: compile(path) });
  }
  return rules;
}

const edgeRulesOf = Object.fromEntries(WEB_ORIGINS.map((o) => [o, edgeRules(o)])) as Record<WebOrigin, EdgeRule[]>;

/** Whether a request passes an origin's edge to the API (`edgeRules`). */
export function passesEdge(origin: WebOrigin, method: string, path: string): boolean {
  const m = method.toUpperCase();
  return edgeRulesOf[origin].some((r) => (r.method === '*' || r.method === m) && r.pattern.test(path));
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDecl; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: Method[] }
  | { kind: 'not-found' };

function decodeParameter(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ValidationError(name, 'Not a valid percent-encoded path segment');
  }
}

/**
 * Matches a request path as API Gateway would: literal segments win over parameters. A path parameter
 * with a malformed %-escape (`%`, `%E0%A4%A`) is a ValidationError naming the parameter (a 400).
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const hits = compiled.map((c) => ({ c, m: c.regex.exec(path) })).filter((h): h is { c: (typeof compiled)[number]; m: RegExpExecArray } => h.m !== null);
  if (hits.length === 0) return { kind: 'not-found' };
  // Prefer the most literal path (fewest parameters), as API Gateway does.
  hits.sort((a, b) => a.c.names.length - b.c.names.length);
  const hit = hits.find((h) => h.c.route.method === method.toUpperCase());
  if (!hit) return { kind: 'method-not-allowed', allowed: [...new Set(hits.map((h) => h.c.route.method))] };
  const pathParameters: Record<string, string> = {};
  hit.c.names.forEach((name, i) => {
    pathParameters[name] = decodeParameter(name, hit.m[i + 1] as string);
  });
  return { kind: 'found', route: hit.c.route, pathParameters };
}
