import { label, useI18n } from '../i18n/index.js';
import { ErrorText } from './errors.js';
import { Loading } from './page.js';

/** `[value, its label]` pairs for a SelectField or RadioGroup, in the order of `values`. */
export function choices(values: readonly string[], labels: Record<string, string>): (readonly [string, string])[] {
  return values.map((v) => [v, label(labels, v)] as const);
}

/** A form's submit and cancel buttons (the submit says "saving…" while busy). */
export function SubmitCancel({ busy, submitText, onCancel }: { busy: boolean; submitText?: string; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div class="actions">
      <button type="submit" class="button primary" disabled={busy}>
        {busy ? t.saving : (submitText ?? t.save)}
      </button>
      <button type="button" class="button" onClick={onCancel}>
        {t.cancel}
      </button>
    </div>
  );
}

/** The top of a list screen: the "new" link (when allowed), the load's error, loading, the empty text. */
export function ListState({
  newLink,
  error,
  loading,
  count,
  emptyText,
}: {
  newLink?: { href: string; text: string } | undefined;
  error: unknown;
  loading: boolean;
  /** Items loaded; undefined while nothing has loaded. */
  count: number | undefined;
  emptyText: string;
}) {
  return (
    <>
      {newLink ? (
        <p>
          <a class="button primary" href={newLink.href}>
            {newLink.text}
          </a>
        </p>
      ) : null}
      <ErrorText error={error} />
      {loading && count === undefined ? <Loading /> : null}
      {count === 0 ? <p>{emptyText}</p> : null}
    </>
  );
}
