import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';

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

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" role="status">
      {t.loading}
    </p>
  );
}

/** A polite status line for results of actions ("Saved."). */
export function Status({ text }: { text: string | undefined }) {
  return (
    <p class="status" role="status" aria-live="polite">
      {text ?? ''}
    </p>
  );
}
