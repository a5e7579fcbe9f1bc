import type { JSX } from 'preact';
import type { RouteKey } from '../../../shared/routes.js';
import type { StaffRole } from '../../../shared/roles.js';
import { can } from './access.js';
import type { StaffConfig } from './config.js';
import type { Patch } from './patch.js';
import type { Messages } from './i18n/nl.js';
import type { Location } from './router.js';
import { AlertScreen, AlertsScreen } from './screens/alerts.js';
import { BookingsScreen } from './screens/bookings.js';
import { CallbackScreen } from './screens/callbacks.js';
import { CaseScreen, CasesScreen, NewCaseScreen } from './screens/cases.js';
import { ContactPointsScreen } from './screens/contact-points.js';
import { DevicesScreen } from './screens/devices.js';
import { EscalationsScreen } from './screens/escalations.js';
import { FjcCaseScreen, FjcDashboardScreen, FjcInboxScreen } from './screens/fjc.js';
import { FollowupsScreen } from './screens/followups.js';
import { NewInterventionScreen } from './screens/interventions.js';
import { NewOrderScreen, OrderScreen, OrdersScreen } from './screens/orders.js';
import { PartnerConditionsScreen } from './screens/partner-conditions.js';
import { ReportsScreen } from './screens/reports.js';
import { NewServiceScreen, ServicesScreen } from './screens/services.js';

export interface ScreenProps {
  roles: readonly StaffRole[];
  /** The zone and districts the account works in (from its token; the API enforces them). */
  patch: Patch;
  config: StaffConfig;
  loc: Location;
  /** The `:id` segment of the pattern, when it has one. */
  id: string | undefined;
  /** The whole hash path: a new id mounts a fresh screen. */
  key: string;
}

export interface ScreenDecl {
  /** Hash path: `cases`, `cases/new`, `cases/:id` (deeper segments are the screen's own). */
  pattern: string;
  /** The API route a role must be allowed to call to see the screen (shared/routes.ts). */
  needs: RouteKey;
  /** A second route the screen reads: the role must be allowed both. */
  alsoNeeds?: RouteKey;
  /** In the navigation, under this label. */
  nav?: (t: Messages) => string;
  screen: (p: ScreenProps) => JSX.Element;
}

/**
 * Every screen of the console, once: the navigation (entries with `nav`, in this order) and the router
 * (the first pattern that matches, so specific patterns come before general ones) both read it.
 */
export const SCREENS: readonly ScreenDecl[] = [
  {
    pattern: 'escalations',
    needs: 'GET /api/followups',
    alsoNeeds: 'GET /api/alerts',
    nav: (t) => t.nav.escalations,
    screen: (p) => <EscalationsScreen roles={p.roles} patch={p.patch} pollSeconds={p.config.alertPollSeconds} />,
  },
  { pattern: 'followups', needs: 'GET /api/followups', nav: (t) => t.nav.followups, screen: (p) => <FollowupsScreen roles={p.roles} /> },
  { pattern: 'cases/new', needs: 'POST /api/cases', screen: () => <NewCaseScreen /> },
  { pattern: 'cases/:id', needs: 'GET /api/cases/{id}', screen: (p) => <CaseScreen key={p.key} id={p.id ?? ''} roles={p.roles} /> },
  { pattern: 'cases', needs: 'GET /api/cases', nav: (t) => t.nav.cases, screen: (p) => <CasesScreen roles={p.roles} /> },
  {
    pattern: 'alerts/:id',
    needs: 'GET /api/alerts/{id}',
    screen: (p) => <AlertScreen key={p.key} id={p.id ?? ''} roles={p.roles} mapTiles={p.config.mapTiles} />,
  },
  {
    pattern: 'alerts',
    needs: 'GET /api/alerts',
    nav: (t) => t.nav.alerts,
    screen: (p) => <AlertsScreen roles={p.roles} patch={p.patch} pollSeconds={p.config.alertPollSeconds} />,
  },
  { pattern: 'orders/new', needs: 'POST /api/orders', screen: () => <NewOrderScreen /> },
  { pattern: 'orders/:id', needs: 'GET /api/orders/{id}', screen: (p) => <OrderScreen key={p.key} id={p.id ?? ''} roles={p.roles} /> },
  { pattern: 'orders', needs: 'GET /api/orders', nav: (t) => t.nav.orders, screen: (p) => <OrdersScreen roles={p.roles} /> },
  { pattern: 'conditions', needs: 'GET /api/orders/conditions', nav: (t) => t.conditions.nav, screen: () => <PartnerConditionsScreen /> },
  { pattern: 'bookings', needs: 'GET /api/staff/bookings', nav: (t) => t.nav.bookings, screen: (p) => <BookingsScreen query={p.loc.query} /> },
  { pattern: 'services/new', needs: 'POST /api/services', screen: () => <NewServiceScreen /> },
  { pattern: 'services/:id', needs: 'PUT /api/services/{id}', screen: (p) => <ServicesScreen key={p.key} id={p.id} /> },
  { pattern: 'services', needs: 'PUT /api/services/{id}', nav: (t) => t.nav.services, screen: (p) => <ServicesScreen key={p.key} id={undefined} /> },
  { pattern: 'contact-points', needs: 'POST /api/contact-points', nav: (t) => t.nav.contactPoints, screen: () => <ContactPointsScreen /> },
  { pattern: 'reports', needs: 'GET /api/reports/monthly', nav: (t) => t.nav.reports, screen: () => <ReportsScreen /> },
  { pattern: 'devices', needs: 'GET /api/push/devices', nav: (t) => t.nav.devices, screen: (p) => <DevicesScreen roles={p.roles} /> },
  {
    pattern: 'interventions/new',
    needs: 'POST /api/interventions',
    nav: (t) => t.nav.interventions,
    screen: (p) => <NewInterventionScreen key={p.key} />,
  },
  { pattern: 'callbacks/:id', needs: 'GET /api/callbacks/{id}', screen: (p) => <CallbackScreen key={p.key} id={p.id ?? ''} /> },
  { pattern: 'fjc/inbox', needs: 'GET /api/fjc/inbox', nav: (t) => t.nav.fjcInbox, screen: () => <FjcInboxScreen /> },
  { pattern: 'fjc/dashboard', needs: 'GET /api/fjc/dashboard', nav: (t) => t.nav.fjcDashboard, screen: () => <FjcDashboardScreen /> },
  { pattern: 'fjc/:id', needs: 'GET /api/fjc/cases/{id}', screen: (p) => <FjcCaseScreen key={p.key} id={p.id ?? ''} /> },
];

/** May these roles see the screen: every route it needs is theirs. */
export function mayOpen(roles: readonly StaffRole[], screen: Pick<ScreenDecl, 'needs' | 'alsoNeeds'>): boolean {
  return can(roles, screen.needs) && (screen.alsoNeeds === undefined || can(roles, screen.alsoNeeds));
}

/** The first screen whose pattern matches the start of the hash path, with its `:id`. */
export function screenFor(segments: readonly string[]): { screen: ScreenDecl; id: string | undefined } | undefined {
  for (const screen of SCREENS) {
    const parts = screen.pattern.split('/');
    if (parts.length > segments.length) continue;
    if (parts.every((part, i) => part.startsWith(':') || part === segments[i])) {
      const at = parts.findIndex((part) => part.startsWith(':'));
      return { screen, id: at < 0 ? undefined : segments[at] };
    }
  }
  return undefined;
}
