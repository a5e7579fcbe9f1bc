import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { QuickExit } from './exit/index.js';
import { LANG_NAMES, LANGS, isLang, setLang, useI18n } from './i18n/index.js';
import { Lazy } from './lazy.js';
import { useRoute } from './router.js';
import { screens } from './screens.js';

/**
 * The app shell: the quick exit (first in the page, first focusable, fixed), a skip link, the
 * language switch (on every screen), and the current screen in <main>. On every navigation focus
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
    const heading = main.current?.querySelector<HTMLElement>('[data-screen-heading]');
    (heading ?? main.current)?.focus();
    window.scrollTo(0, 0);
  };
  useEffect(() => {
    if (entry.kind === 'eager') focusHeading();
  }, [route.seq]);

  return (
    <>
      <QuickExit />
      <button type="button" class="skip-link" onClick={() => main.current?.focus()}>{t.skipToContent}</button>
      <header class="top">
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
    <div class="lang-switch">
      <label for="lang-select">{t.language}</label>
      <select
        id="lang-select"
        value={lang}
        onChange={(e) => {
          const next = (e.currentTarget as HTMLSelectElement).value;
          if (isLang(next)) void setLang(next).catch(() => undefined);
        }}
      >
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>{LANG_NAMES[l]}</option>
        ))}
      </select>
    </div>
  );
}
