import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { can } from './access.js';
import { getState, signOut, startSignIn, stillHere, subscribe, type SessionState } from './auth/session.js';
import type { StaffConfig } from './config.js';
import { I18nContext, i18nFor, LANG_NAMES, LANGS, isLang, loadMessages, saveLang, useI18n, type Lang } from './i18n/index.js';
import type { Messages } from './i18n/nl.js';
import { navigate, useLocation, type Location } from './router.js';
import { AlertScreen, AlertsScreen } from './screens/alerts.js';
import { BookingsScreen } from './screens/bookings.js';
import { CaseScreen, CasesScreen, NewCaseScreen } from './screens/cases.js';
import { ContactPointsScreen } from './screens/contact-points.js';
import { FollowupsScreen } from './screens/followups.js';
import { NewOrderScreen, OrderScreen, OrdersScreen } from './screens/orders.js';
import { ReportsScreen } from './screens/reports.js';
import { ServicesScreen } from './screens/services.js';
import { Page } from './ui/page.js';
import type { StaffRole } from '../../../shared/roles.js';

function useSessionState(): SessionState {
  const [state, setState] = useState(getState());
  useEffect(() => subscribe(() => setState(getState())), []);
  return state;
}

interface NavItem {
  hash: string;
  /** The first path segment this item stands for (aria-current). */
  section: string;
  label: (t: Messages) => string;
  /** The route a role must be allowed to call to see this screen (shared/routes.ts). */
  needs: string;
}

export const NAV: readonly NavItem[] = [
  { hash: '#/followups', section: 'followups', label: (t) => t.nav.followups, needs: 'GET /api/followups' },
  { hash: '#/cases', section: 'cases', label: (t) => t.nav.cases, needs: 'GET /api/cases' },
  { hash: '#/alerts', section: 'alerts', label: (t) => t.nav.alerts, needs: 'GET /api/alerts' },
  { hash: '#/orders', section: 'orders', label: (t) => t.nav.orders, needs: 'GET /api/orders' },
  { hash: '#/bookings', section: 'bookings', label: (t) => t.nav.bookings, needs: 'GET /api/staff/bookings' },
  { hash: '#/services', section: 'services', label: (t) => t.nav.services, needs: 'PUT /api/services/{id}' },
  { hash: '#/contact-points', section: 'contact-points', label: (t) => t.nav.contactPoints, needs: 'POST /api/contact-points' },
  { hash: '#/reports', section: 'reports', label: (t) => t.nav.reports, needs: 'GET /api/reports/monthly' },
];

export function App({ config, initial }: { config: StaffConfig; initial: { lang: Lang; messages: Messages } }) {
  const [{ lang, messages }, setLanguage] = useState(initial);
  const i18n = useMemo(() => i18nFor(lang, messages), [lang, messages]);
  const state = useSessionState();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const changeLang = (next: Lang) => {
    saveLang(next);
    void loadMessages(next).then((m) => setLanguage({ lang: next, messages: m }));
  };
  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main" onClick={skipToMain}>
        {i18n.t.skipToContent}
      </a>
      {state.session && state.session.roles.length > 0 ? (
        <Shell config={config} state={state} lang={lang} onLang={changeLang} />
      ) : (
        <SignIn config={config} state={state} lang={lang} onLang={changeLang} />
      )}
    </I18nContext.Provider>
  );
}

function skipToMain(e: Event) {
  e.preventDefault(); // the hash is the router's; move focus instead
  const main = document.getElementById('main');
  main?.focus();
}

function LangSelect({ lang, onLang }: { lang: Lang; onLang: (l: Lang) => void }) {
  const { t } = useI18n();
  return (
    <div class="lang">
      <label for="lang">{t.language}</label>
      <select
        id="lang"
        value={lang}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          if (isLang(v)) onLang(v);
        }}
      >
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

function SignIn({ config, state, lang, onLang }: { config: StaffConfig; state: SessionState; lang: Lang; onLang: (l: Lang) => void }) {
  const { t } = useI18n();
  const [working, setWorking] = useState(false);
  const noRoles = state.session !== null && state.session.roles.length === 0;
  const notice = noRoles ? t.signIn.noRoles : state.notice ? t.signIn[state.notice] : undefined;
  return (
    <>
      <header class="top">
        <p class="brand">{t.appName}</p>
        <LangSelect lang={lang} onLang={onLang} />
      </header>
      <main id="main" tabIndex={-1} class="narrow">
        <Page title={t.signIn.title}>
          {notice ? (
            <p class={state.notice === 'failed' || noRoles ? 'error' : 'notice'} role="status">
              {notice}
            </p>
          ) : null}
          <p>{t.signIn.intro}</p>
          {noRoles ? (
            <button type="button" class="button" onClick={() => signOut(config, 'signedOut')}>
              {t.signOut}
            </button>
          ) : (
            <button
              type="button"
              class="button primary"
              disabled={working}
              onClick={() => {
                setWorking(true);
                void startSignIn(config, location.hash).catch(() => setWorking(false));
              }}
            >
              {working ? t.signIn.working : t.signIn.button}
            </button>
          )}
        </Page>
      </main>
    </>
  );
}

function Shell({ config, state, lang, onLang }: { config: StaffConfig; state: SessionState; lang: Lang; onLang: (l: Lang) => void }) {
  const { t } = useI18n();
  const loc = useLocation();
  const session = state.session;
  const roles = session?.roles ?? [];
  const items = NAV.filter((n) => can(roles, n.needs));
  // The start screen: the first one this role has.
  useEffect(() => {
    if (loc.segments.length === 0 && items[0]) navigate(items[0].hash, true);
  }, [loc.segments.length, items[0]?.hash]);
  return (
    <>
      <header class="top">
        <p class="brand">{t.appName}</p>
        <p class="who">{t.signedInAs(session?.username ?? '')}</p>
        <LangSelect lang={lang} onLang={onLang} />
        <button type="button" class="button" onClick={() => signOut(config, 'signedOut')}>
          {t.signOut}
        </button>
      </header>
      {state.idleSecondsLeft !== null ? (
        <div class="idle-warning" role="alert">
          <p>{t.idleWarning}</p>
          <button type="button" class="button" onClick={stillHere}>
            {t.stayIn}
          </button>
        </div>
      ) : null}
      <nav aria-label={t.mainNav} class="nav">
        <ul>
          {items.map((n) => (
            <li key={n.hash}>
              <a href={n.hash} aria-current={loc.segments[0] === n.section ? 'page' : undefined}>
                {n.label(t)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Routes loc={loc} roles={roles} config={config} />
      </main>
    </>
  );
}

function Guard({ roles, needs, children }: { roles: readonly StaffRole[]; needs: string; children: ComponentChildren }) {
  const { t } = useI18n();
  if (!can(roles, needs)) {
    return (
      <Page title={t.notAllowed.title}>
        <p>{t.notAllowed.body}</p>
      </Page>
    );
  }
  return <>{children}</>;
}

function Routes({ loc, roles, config }: { loc: Location; roles: readonly StaffRole[]; config: StaffConfig }) {
  const { t } = useI18n();
  const [section, sub] = loc.segments;
  const key = loc.segments.join('/');
  switch (section) {
    case undefined:
      return (
        <Page title={t.home.title}>
          <p>{t.home.body}</p>
        </Page>
      );
    case 'followups':
      return (
        <Guard roles={roles} needs="GET /api/followups">
          <FollowupsScreen roles={roles} />
        </Guard>
      );
    case 'cases':
      if (sub === undefined)
        return (
          <Guard roles={roles} needs="GET /api/cases">
            <CasesScreen roles={roles} />
          </Guard>
        );
      if (sub === 'new')
        return (
          <Guard roles={roles} needs="POST /api/cases">
            <NewCaseScreen />
          </Guard>
        );
      return (
        <Guard roles={roles} needs="GET /api/cases/{id}">
          <CaseScreen key={key} id={sub} roles={roles} />
        </Guard>
      );
    case 'alerts':
      if (sub !== undefined)
        return (
          <Guard roles={roles} needs="GET /api/alerts/{id}">
            <AlertScreen key={key} id={sub} roles={roles} />
          </Guard>
        );
      return (
        <Guard roles={roles} needs="GET /api/alerts">
          <AlertsScreen roles={roles} pollSeconds={config.alertPollSeconds} />
        </Guard>
      );
    case 'orders':
      if (sub === undefined)
        return (
          <Guard roles={roles} needs="GET /api/orders">
            <OrdersScreen roles={roles} />
          </Guard>
        );
      if (sub === 'new')
        return (
          <Guard roles={roles} needs="POST /api/orders">
            <NewOrderScreen />
          </Guard>
        );
      return (
        <Guard roles={roles} needs="GET /api/orders/{id}">
          <OrderScreen key={key} id={sub} roles={roles} />
        </Guard>
      );
    case 'bookings':
      return (
        <Guard roles={roles} needs="GET /api/staff/bookings">
          <BookingsScreen query={loc.query} />
        </Guard>
      );
    case 'services':
      return (
        <Guard roles={roles} needs="PUT /api/services/{id}">
          <ServicesScreen key={key} id={sub} />
        </Guard>
      );
    case 'contact-points':
      return (
        <Guard roles={roles} needs="POST /api/contact-points">
          <ContactPointsScreen />
        </Guard>
      );
    case 'reports':
      return (
        <Guard roles={roles} needs="GET /api/reports/monthly">
          <ReportsScreen />
        </Guard>
      );
    default:
      return (
        <Page title={t.notFound.title}>
          <p>{t.notFound.body}</p>
        </Page>
      );
  }
}
