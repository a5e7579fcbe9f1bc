import { ApiError } from '../api.js';
import { useI18n } from '../i18n/index.js';

/** An API error shown with the API's own message, plus the field it names (by the form's label when `labels` knows its path). */
export function ErrorText({ error, labels }: { error: unknown; labels?: Record<string, string> }) {
  const { t } = useI18n();
  if (!error) return null;
  let text: string;
  let field: string | undefined;
  if (error instanceof ApiError) {
    field = error.field;
    if (error.status === 0) text = t.error.network;
    else if (error.message) text = `${t.error.status(error.status)} ${error.message}`;
    else if (error.status === 403) text = t.error.forbidden;
    else if (error.status === 501) text = t.error.notBuilt;
    else text = t.error.status(error.status);
  } else {
    text = t.error.title;
  }
  return (
    <div class="error" role="alert">
      <p>{text}</p>
      {field ? <p class="muted">{t.error.field(labels?.[field] ?? field)}</p> : null}
    </div>
  );
}
