import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SelfCheckResult } from '../../../shared/space/plan.js';
import { type AdviceLevel, adviceLevel, SELF_CHECK_ANSWERS, SELF_CHECK_QUESTIONS, type SelfCheckAnswers } from '../../../shared/space/rules.js';
import { CallLabel, EmergencyCards } from '../call.js';
import { telHref } from '../emergency.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { type PlanMessages, WithPlanTexts } from './texts.js';
import './plan.css';
import { ScreenHeading } from '../screen-heading.js';

/**
 * "Am I safe?": our own short questions on well-known danger signs, then what to do now and whom to
 * call, 112 first. The answers live in this component's memory only; nothing is stored or sent unless
 * she saves the result into her space (`onSave`, given only by the space).
 */
export function SelfCheck({ onSave }: { onSave?: (result: SelfCheckResult) => void | Promise<void> }): JSX.Element {
  return <WithPlanTexts>{(texts) => <Check s={texts.selfCheck} onSave={onSave} />}</WithPlanTexts>;
}

function Check({ s, onSave }: { s: PlanMessages['selfCheck']; onSave: ((result: SelfCheckResult) => void | Promise<void>) | undefined }): JSX.Element {
  const { t } = useI18n();
  const [answers, setAnswers] = useState<SelfCheckAnswers>({});
  // The advice follows her answers: changed after she saw it, it changes with them (and so does what she saves).
  const [shown, setShown] = useState(false);
  const level: AdviceLevel | undefined = shown ? adviceLevel(answers) : undefined;
  const [saved, setSaved] = useState<'no' | 'busy' | 'yes' | 'failed'>('no');
  const result = useRef<HTMLHeadingElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const [focus, setFocus] = useState<{ to: 'result' | 'start'; n: number } | undefined>(undefined);
  const focusOn = (to: 'result' | 'start') => setFocus((f) => ({ to, n: (f?.n ?? 0) + 1 }));
  useEffect(() => {
    if (focus) (focus.to === 'result' ? result : first).current?.focus();
  }, [focus]);

  const answer = (q: keyof SelfCheckAnswers, a: SelfCheckAnswers[typeof q]) => {
    setAnswers((old) => ({ ...old, [q]: a }));
    setSaved('no');
  };
  const save = async () => {
    if (!onSave || !level) return;
    setSaved('busy');
    try {
      await onSave({ answers, level, at: new Date().toISOString() });
      setSaved('yes');
    } catch {
      setSaved('failed');
    }
  };

  return (
    <div class="self-check" data-self-check="">
      <p>{s.intro}</p>
      <p class="hint">{s.private}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setShown(true);
          focusOn('result');
        }}
      >
        {SELF_CHECK_QUESTIONS.map((q, i) => (
          <fieldset key={q} data-question={q}>
            <legend>{s.questions[q]}</legend>
            <div class="answers">
              {SELF_CHECK_ANSWERS.map((a, j) => (
                <label key={a}>
                  <input
                    type="radio"
                    name={`self-check-${q}`}
                    value={a}
                    checked={answers[q] === a}
                    {...(i === 0 && j === 0 ? { ref: first } : {})}
                    onChange={() => answer(q, a)}
                  />
                  {s.answers[a]}
                </label>
              ))}
            </div>
            {q === 'now' && answers.now === 'yes' && (
              <p role="alert" class="notice">
                {s.nowAlert}{' '}
                <a class="button call" href={telHref('112')}>
                  <CallLabel number="112" />
                </a>
              </p>
            )}
          </fieldset>
        ))}
        <button type="submit" class="button primary">
          {s.show}
        </button>
      </form>
      {level && (
        <section aria-labelledby="self-check-result" data-advice={level}>
          <h2 id="self-check-result" tabIndex={-1} ref={result}>
            {s.resultTitle}
          </h2>
          <p data-advice-text="">{s.advice[level]}</p>
          <h3>{s.callTitle}</h3>
          <EmergencyCards headingLevel={4} />
          <ul>
            {s.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
          <div class="actions">
            {onSave && (
              <button type="button" class="button" disabled={saved === 'busy' || saved === 'yes'} onClick={() => void save()}>
                {s.save}
              </button>
            )}
            <button
              type="button"
              class="button"
              onClick={() => {
                setAnswers({});
                setShown(false);
                setSaved('no');
                focusOn('start');
              }}
            >
              {s.again}
            </button>
          </div>
          <p role="status">{saved === 'yes' ? s.saved : saved === 'failed' ? t.booking.errors.generic : ''}</p>
        </section>
      )}
    </div>
  );
}

/** The self-check as a screen of its own, reachable from help without a space. */
export default function SelfCheckScreen(): JSX.Element {
  const { t } = useI18n();
  return (
    <section>
      <ScreenHeading>{t.menu.selfCheck}</ScreenHeading>
      <SelfCheck />
      <button type="button" class="button" onClick={() => navigate('home')}>
        {t.backHome}
      </button>
    </section>
  );
}
