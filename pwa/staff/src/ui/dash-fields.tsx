import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { allowedLevels, DASH_QUESTIONS, dashRisk, finalRisk, type DashQuestion, type RiskLevel } from '../dash.js';
import { label, useI18n } from '../i18n/index.js';
import { Checkboxes, SelectField } from './fields.js';
import { choices } from './form-bits.js';

/** A form's DASH-style answers and the professional's judgement, with the levels they give. */
export interface DashRisk {
  yes: ReadonlySet<string>;
  setYes: (yes: ReadonlySet<string>) => void;
  /** The chosen level, '' for "the same as the checklist". */
  risk: string;
  setRisk: (risk: string) => void;
  /** The questions answered yes, in the checklist's order. */
  dashYes: DashQuestion[];
  fromChecklist: RiskLevel;
  final: RiskLevel;
}

export function useDashRisk(): DashRisk {
  const [yes, setYes] = useState<ReadonlySet<string>>(new Set());
  const [risk, setRisk] = useState('');
  const fromChecklist = dashRisk(yes.size);
  const final = finalRisk(fromChecklist, risk ? (risk as RiskLevel) : undefined);
  return { yes, setYes, risk, setRisk, dashYes: DASH_QUESTIONS.filter((q) => yes.has(q)), fromChecklist, final };
}

/** The DASH-style checklist: a numbered checkbox per question (ids `${id}-${question}`), then the score and the level it gives. */
export function DashChecklist({ id, hint, dash }: { id: string; hint: ComponentChildren; dash: DashRisk }) {
  const { t } = useI18n();
  const { yes, fromChecklist } = dash;
  return (
    <fieldset>
      <legend>{t.cases.dash}</legend>
      <p class="hint">{hint}</p>
      <Checkboxes
        id={id}
        options={DASH_QUESTIONS.map((q, i) => [q, `${i + 1}. ${label(t.cases.dashQuestions, q)}`] as const)}
        value={yes}
        onChange={dash.setYes}
      />
      <p>
        <strong>{t.cases.dashScore(yes.size, DASH_QUESTIONS.length)}</strong> — {t.cases.riskFromDash(label(t.cases.risks, fromChecklist))}
      </p>
    </fieldset>
  );
}

/** The professional's judgement beside the checklist (only the levels it allows), then the level that will be saved. */
export function RiskJudgement({ id, dash }: { id: string; dash: DashRisk }) {
  const { t } = useI18n();
  const { fromChecklist, risk, final } = dash;
  const allowed = allowedLevels(fromChecklist);
  return (
    <>
      <SelectField
        id={id}
        label={t.cases.riskJudgement}
        value={risk && allowed.includes(risk as RiskLevel) ? risk : ''}
        onChange={dash.setRisk}
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
