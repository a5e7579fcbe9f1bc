import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getState, signOut, startSignIn, stillHere, subscribe, type SessionState } from './auth/session.js';
import type { StaffConfig } from './config.js';
import type { Patch } from './patch.js';
import { I18nContext, i18nFor, LANG_NAMES, LANGS, isLang, loadMessages, saveLang, useI18n, type Lang } from './i18n/index.js';
import type { Messages } from './i18n/nl.js';
import { navigate, useLocation, type Location } from './router.js';
import { mayOpen, SCREENS, screenFor, type ScreenDecl } from './screens.js';
import { Page } from './ui/page.js';
import type { StaffRole } from '../../../shared/roles.js';

function useSessionState(): SessionState {
  const [state, setState] = useState(getState());
  useEffect(() => subscribe(() => setState(getState())), []);
  return state;
}

/** The navigation: the screens with a label, in their table's order. */
const NAV = SCREENS.filter((s) => s.nav !== undefined).map((s) => ({
  hash: `#/${s.pattern}`,
  section: s.pattern,
  label: s.nav as (t: Messages) => string,
  screen: s,
}));

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
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link stays a link (it works without script); the click only moves focus too */}
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
  const items = NAV.filter((n) => mayOpen(roles, n.screen));
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
        <Routes loc={loc} roles={roles} patch={{ zone: session?.zone, districts: session?.districts ?? [] }} config={config} />
      </main>
    </>
  );
}

function Guard({ roles, screen, children }: { roles: readonly StaffRole[]; screen: ScreenDecl; children: ComponentChildren }) {
  const { t } = useI18n();
  if (!mayOpen(roles, screen)) {
    return (
      <Page title={t.notAllowed.title}>
        <p>{t.notAllowed.body}</p>
      </Page>
    );
  }
  return <>{children}</>;
}

function Routes({ loc, roles, patch, config }: { loc: Location; roles: readonly StaffRole[]; patch: Patch; config: StaffConfig }) {
  const { t } = useI18n();
  if (loc.segments.length === 0) {
    return (
      <Page title={t.home.title}>
        <p>{t.home.body}</p>
      </Page>
    );
  }
  const found = screenFor(loc.segments);
  if (!found) {
    return (
      <Page title={t.notFound.title}>
        <p>{t.notFound.body}</p>
      </Page>
    );
  }
  return (
    <Guard roles={roles} screen={found.screen}>
      {found.screen.screen({ roles, patch, config, loc, id: found.id, key: loc.segments.join('/') })}
    </Guard>
  );
}
