import type { JSX } from 'preact';
import type { PlanMessages } from '../i18n/plan-nl.js';
import { useI18n } from '../i18n/index.js';
import { LoadState, useLoaded } from '../lazy.js';

export type { PlanMessages };

/**
 * Renders `children` with the texts of her space, the plan and the self-check in the current language, fetched with
 * the first component that needs them (their own chunk per language, precached for offline use).
 */
export function WithPlanTexts({ children }: { children: (texts: PlanMessages) => JSX.Element }): JSX.Element {
  const { t } = useI18n();
  const { value, failed, retry } = useLoaded(t.planTexts);
  return value ? children(value.default) : <LoadState failed={failed} retry={retry} />;
}
