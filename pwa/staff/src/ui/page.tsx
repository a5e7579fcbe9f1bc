import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';
import { ErrorText } from './errors.js';
import type { Loaded } from './hooks.js';

/**
 * A screen: its heading gets focus when the screen opens (screen readers hear where they are; keyboard
 * users start from the top), and the tab title names it.
 */
export function Page({ title, children, audited }: { title: string; children: ComponentChildren; audited?: boolean }) {
  const { t } = useI18n();
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t.appName}`;
  }, [title, t.appName]);
  useEffect(() => {
    h1.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      <h1 ref={h1} tabIndex={-1}>
        {title}
      </h1>
      {audited ? (
        <p class="audit-notice" role="note">
          {t.auditNotice}
        </p>
      ) : null}
      {children}
    </>
  );
}

/** A screen of what one load answered: "loading" until its first answer, its error, then `view` of its data. */
export function LoadedPage<T>({ title, audited, loaded, view }: { title: string; audited?: boolean; loaded: Loaded<T>; view: (data: T) => ComponentChildren }) {
  return (
    <Page title={title} audited={audited}>
      {loaded.loading && !loaded.data ? <Loading /> : null}
      <ErrorText error={loaded.error} />
      {loaded.data ? view(loaded.data) : null}
    </Page>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" role="status">
      {t.loading}
    </p>
  );
}

/** What an action came to ("Saved."), once it has come to something; nothing before. */
export function Outcome({ text, class: cls }: { text: string | undefined; class: 'saved' | 'notice' }) {
  return text ? (
    <p class={cls} role="status">
      {text}
    </p>
  ) : null;
}

/** A polite status line for results of actions ("Saved."). */
export function Status({ text }: { text: string | undefined }) {
  return (
    <p class="status" role="status" aria-live="polite">
      {text ?? ''}
    </p>
  );
}
