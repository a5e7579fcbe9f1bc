import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { CallLabel } from './call.js';
import { telHref } from './emergency.js';
import { QuickExit } from './exit/index.js';
import { LANGS, isLang, nameOf, setLang, useI18n } from './i18n/index.js';
import { LanguageSelect } from './language-select.js';
import { Lazy } from './lazy.js';
import { useRoute } from './router.js';
import { SCREEN_HEADING } from './screen-heading.js';
import { screens } from './screens.js';

/**
 * The app shell: the quick exit (first in the page, first focusable, fixed), a skip link, "Call 112"
 * and the language switch (on every help screen, the first-visit page included, online or offline:
 * the number is in the bundle), and the current screen in <main>. The installed app's neutral notes
 * screen is drawn alone. On every navigation focus
 * moves to the new screen's heading (`[data-screen-heading]`) and the page scrolls to the top; the
 * document title never changes (it is the neutral name from config.ts).
 */
export function App(): JSX.Element {
  const { t } = useI18n();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const entry = screens[route.screen];

  const focusHeading = () => {
    if (route.seq === 0) return;
    const heading = main.current?.querySelector<HTMLElement>(SCREEN_HEADING);
    (heading ?? main.current)?.focus();
    window.scrollTo(0, 0);
  };
  useEffect(() => {
    if (entry.kind === 'eager') focusHeading();
  }, [route.seq]);

  if (route.screen === 'notes' && entry.kind === 'eager') {
    // The disguise: nothing but the notes (no quick exit, no language switch, no emergency line).
    return (
      <main id="main" ref={main} tabIndex={-1}>
        <entry.component />
      </main>
    );
  }

  return (
    <>
      <QuickExit />
      <button type="button" class="skip-link" onClick={() => main.current?.focus()}>
        {t.skipToContent}
      </button>
      <header class="top">
        <a class="button call emergency-call" href={telHref('112')} data-emergency-call="">
          <CallLabel number="112" />
        </a>
        <LanguageSwitch />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {entry.kind === 'eager' ? <entry.component /> : <Lazy key={route.seq} load={entry.load} onReady={focusHeading} />}
      </main>
    </>
  );
}

function LanguageSwitch(): JSX.Element {
  const { t, lang } = useI18n();
  return (
    <LanguageSelect
      id="lang-select"
      class="lang-switch"
      label={t.language}
      value={lang}
      codes={LANGS}
      nameOf={(code) => (isLang(code) ? nameOf(code) : code)}
      selfNamed
      onChange={(next) => {
        if (isLang(next)) void setLang(next).catch(() => undefined);
      }}
    />
  );
}
