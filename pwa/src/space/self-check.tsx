import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type AdviceLevel,
  adviceLevel,
  SELF_CHECK_ANSWERS,
  SELF_CHECK_QUESTIONS,
  type SelfCheckAnswers,
  type SelfCheckResult,
} from '../../../shared/space/plan.js';
import { CallLabel } from '../call.js';
import { EMERGENCY_NUMBERS, telHref } from '../emergency.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import './plan.css';

/**
 * "Am I safe?": our own short questions on well-known danger signs, then what to do now and whom to
 * call, 112 first. The answers live in this component's memory only; nothing is stored or sent unless
 * she saves the result into her space (`onSave`, given only by the space).
 */
export function SelfCheck({ onSave }: { onSave?: (result: SelfCheckResult) => void | Promise<void> }): JSX.Element {
  const { t } = useI18n();
  const [answers, setAnswers] = useState<SelfCheckAnswers>({});
  const [level, setLevel] = useState<AdviceLevel | undefined>(undefined);
  const [saved, setSaved] = useState<'no' | 'busy' | 'yes' | 'failed'>('no');
  const result = useRef<HTMLHeadingElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const [focus, setFocus] = useState<{ to: 'result' | 'start'; n: number } | undefined>(undefined);
  const focusOn = (to: 'result' | 'start') => setFocus((f) => ({ to, n: (f?.n ?? 0) + 1 }));
  useEffect(() => {
    (focus?.to === 'result' ? result : first).current?.focus();
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
      <p>{t.selfCheck.intro}</p>
      <p class="hint">{t.selfCheck.private}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setLevel(adviceLevel(answers));
          focusOn('result');
        }}
      >
        {SELF_CHECK_QUESTIONS.map((q, i) => (
          <fieldset key={q} data-question={q}>
            <legend>{t.selfCheck.questions[q]}</legend>
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
                  {t.selfCheck.answers[a]}
                </label>
              ))}
            </div>
            {q === 'now' && answers.now === 'yes' && (
              <p role="alert" class="notice">
                {t.selfCheck.nowAlert}{' '}
                <a class="button call" href={telHref('112')}>
                  <CallLabel number="112" />
                </a>
              </p>
            )}
          </fieldset>
        ))}
        <button type="submit" class="button primary">
          {t.selfCheck.show}
        </button>
      </form>
      {level && (
        <section aria-labelledby="self-check-result" data-advice={level}>
          <h2 id="self-check-result" tabIndex={-1} ref={result}>
            {t.selfCheck.resultTitle}
          </h2>
          <p data-advice-text="">{t.selfCheck.advice[level]}</p>
          <h3>{t.selfCheck.callTitle}</h3>
          <ul class="cards" data-self-check-numbers="">
            {EMERGENCY_NUMBERS.map((number) => (
              <li key={number} class="card">
                <h4>{t.emergency[number].name}</h4>
                <p>{t.emergency[number].what}</p>
                <a class="button call" href={telHref(number)}>
                  <CallLabel number={number} />
                </a>
              </li>
            ))}
          </ul>
          <ul>
            {t.selfCheck.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
          <div class="actions">
            {onSave && (
              <button type="button" class="button" disabled={saved === 'busy' || saved === 'yes'} onClick={() => void save()}>
                {t.selfCheck.save}
              </button>
            )}
            <button
              type="button"
              class="button"
              onClick={() => {
                setAnswers({});
                setLevel(undefined);
                setSaved('no');
                focusOn('start');
              }}
            >
              {t.selfCheck.again}
            </button>
          </div>
          <p role="status">{saved === 'yes' ? t.selfCheck.saved : saved === 'failed' ? t.booking.errors.generic : ''}</p>
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
      <h1 tabIndex={-1} data-screen-heading="">
        {t.selfCheck.title}
      </h1>
      <SelfCheck />
      <button type="button" class="button" onClick={() => navigate('home')}>
        {t.backHome}
      </button>
    </section>
  );
}
