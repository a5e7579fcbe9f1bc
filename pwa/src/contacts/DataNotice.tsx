import type { JSX } from 'preact';
import { isOffline, STALE_AFTER_MS } from '../data.js';
import { dateTime } from '../format.js';
import { useI18n } from '../i18n/index.js';

/** Says when the list may be out of date: offline, or fetched more than an hour ago (from the worker's cache). */
export function DataNotice({ fetchedAt }: { fetchedAt: number | undefined }): JSX.Element | null {
  const { t, lang } = useI18n();
  const offline = isOffline();
  // One sentence about age, never two ("may be out of date" said once).
  if (offline)
    return (
      <p class="notice" data-stale="">
        {fetchedAt ? t.data.offlineSince(dateTime(fetchedAt, lang)) : t.data.offline}
      </p>
    );
  if (fetchedAt && Date.now() - fetchedAt > STALE_AFTER_MS)
    return (
      <p class="notice" data-stale="">
        {t.data.stale(dateTime(fetchedAt, lang))}
      </p>
    );
  return null;
}
