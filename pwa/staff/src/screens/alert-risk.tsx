import { useState } from 'preact/hooks';
import type { RiskLevel } from '../../../../shared/cases/dash.js';
import { api, seg } from '../api.js';
import { label, useI18n, type Lang } from '../i18n/index.js';
import { ErrorText } from '../ui/errors.js';
import { useAction } from '../ui/hooks.js';
import { Outcome } from '../ui/page.js';

/** French and English await a native speaker's review. */
const text: Record<
  Lang,
  { notice: (n: number) => string; raise: (level: string) => string; confirm: (level: string) => string; cancel: string; raised: string }
> = {
  nl: {
    notice: (n) => `${n === 1 ? 'Een alarm' : `${n} alarmen`} (inbreuk of paniek) op een gekoppeld contactverbod. Het risico wordt nooit vanzelf aangepast.`,
    raise: (level) => `Risico verhogen naar ${level}`,
    confirm: (level) => `Bevestigen: risico naar ${level}`,
    cancel: 'Annuleren',
    raised: 'Risico verhoogd.',
  },
  fr: {
    notice: (n) =>
      `${n === 1 ? 'Une alerte' : `${n} alertes`} (infraction ou panique) sur une interdiction de contact liée. Le risque n'est jamais modifié automatiquement.`,
    raise: (level) => `Relever le risque à ${level}`,
    confirm: (level) => `Confirmer : risque ${level}`,
    cancel: 'Annuler',
    raised: 'Risque relevé.',
  },
  en: {
    notice: (n) => `${n === 1 ? 'An alert' : `${n} alerts`} (breach or panic) on a linked restraining order. The risk is never changed automatically.`,
    raise: (level) => `Raise the risk to ${level}`,
    confirm: (level) => `Confirm: risk ${level}`,
    cancel: 'Cancel',
    raised: 'Risk raised.',
  },
};

const RAISED_TO: RiskLevel = 'high';
const RANK: Record<string, number> = { standard: 0, medium: 1, high: 2 };

/**
 * A breach or panic alert on an order linked to the case planned an urgent follow-up (alertId): the
 * officer raises the case's risk from here with one confirmation. Only ever upwards; nothing is changed
 * without her officer's decision, and a case already at the top shows nothing.
 */
export function AlertRiskRaise({
  caseId,
  version,
  riskLevel,
  alertIds,
  onSaved,
}: {
  caseId: string;
  version: number | undefined;
  riskLevel: string | undefined;
  alertIds: readonly string[];
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const x = text[lang];
  const [confirming, setConfirming] = useState(false);
  const [raised, setRaised] = useState(false);
  const action = useAction();
  const level = label(t.cases.risks, RAISED_TO);
  if (alertIds.length === 0 || (RANK[riskLevel ?? 'standard'] ?? 0) >= (RANK[RAISED_TO] ?? 2)) {
    return <Outcome text={raised ? x.raised : undefined} class="saved" />;
  }
  const raise = () =>
    void action.run(async () => {
      await api('PATCH', `/api/cases/${seg(caseId)}`, { body: { ...(version !== undefined ? { expectedVersion: version } : {}), riskLevel: RAISED_TO } });
      setRaised(true);
      setConfirming(false);
      onSaved();
    });
  return (
    <section class="notice alert-risk" aria-labelledby="alert-risk">
      <p id="alert-risk">{x.notice(alertIds.length)}</p>
      <ErrorText error={action.error} />
      {confirming ? (
        <div class="actions">
          <button type="button" class="button primary" disabled={action.busy} onClick={raise}>
            {x.confirm(level)}
          </button>
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            {x.cancel}
          </button>
        </div>
      ) : (
        <button type="button" class="button" onClick={() => setConfirming(true)}>
          {x.raise(level)}
        </button>
      )}
    </section>
  );
}
