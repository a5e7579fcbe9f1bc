import type { ComponentChildren } from 'preact';
import { allowedLevels, DASH_QUESTIONS, type RiskLevel } from '../dash.js';
import { label, useI18n } from '../i18n/index.js';
import { Checkboxes, SelectField } from './fields.js';
import { choices } from './form-bits.js';

/** The DASH-style checklist: a numbered checkbox per question (ids `${id}-${question}`), then the score and the level it gives. */
export function DashChecklist({
  id,
  hint,
  yes,
  fromChecklist,
  onChange,
}: {
  id: string;
  hint: ComponentChildren;
  yes: ReadonlySet<string>;
  fromChecklist: RiskLevel;
  onChange: (next: ReadonlySet<string>) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t.cases.dash}</legend>
      <p class="hint">{hint}</p>
      <Checkboxes
        id={id}
        options={DASH_QUESTIONS.map((q, i) => [q, `${i + 1}. ${label(t.cases.dashQuestions, q)}`] as const)}
        value={yes}
        onChange={onChange}
      />
      <p>
        <strong>{t.cases.dashScore(yes.size, DASH_QUESTIONS.length)}</strong> — {t.cases.riskFromDash(label(t.cases.risks, fromChecklist))}
      </p>
    </fieldset>
  );
}

/** The professional's judgement beside the checklist (only the levels it allows), then the level that will be saved. */
export function RiskJudgement({
  id,
  fromChecklist,
  risk,
  final,
  onChange,
}: {
  id: string;
  fromChecklist: RiskLevel;
  /** The chosen level, '' for "the same as the checklist". */
  risk: string;
  final: RiskLevel;
  onChange: (risk: string) => void;
}) {
  const { t } = useI18n();
  const allowed = allowedLevels(fromChecklist);
  return (
    <>
      <SelectField
        id={id}
        label={t.cases.riskJudgement}
        value={risk && allowed.includes(risk as RiskLevel) ? risk : ''}
        onChange={onChange}
        empty={t.cases.riskSame}
        options={choices(
          allowed.filter((r) => r !== fromChecklist),
          t.cases.risks,
        )}
      />
      <p class="notice">{t.cases.riskFinal(label(t.cases.risks, final))}</p>
    </>
  );
}
