import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { SafetyPlan } from '../../../shared/space/plan.js';
import { EMERGENCY_NUMBERS } from '../emergency.js';
import { useI18n, type Messages } from '../i18n/index.js';
import { hasContent, isList, labelOf, listOf, SECTION_FIELDS, SECTIONS, type SectionKey, sectionOf, sectionTexts, type Values } from './plan-sections.js';
import './plan.css';

/**
 * Her plan as a page she can print and keep on paper: a neutral title (no app name, nothing about
 * violence) in the page and as the document title while printing (browsers name the PDF and the page
 * header after it); the print style shows this page only, with no browser header or footer (which
 * would print the address and the title).
 */
export function PrintablePlan({ value }: { value: SafetyPlan }): JSX.Element {
  const { t } = useI18n();
  useNeutralTitleWhilePrinting(t.plan.printTitle);
  // Her own numbers come last, after the app's lines.
  const filled = SECTIONS.filter((key) => key !== 'numbers' && hasContent(value, key));
  return (
    <div class="printable-plan" data-printable-plan="">
      <button type="button" class="button no-print" onClick={() => window.print()}>
        {t.plan.print}
      </button>
      <article class="print-page">
        <h2>{t.plan.printTitle}</h2>
        {filled.length === 0 && <p>{t.plan.printEmpty}</p>}
        {filled.map((key) => (
          <PrintedSection key={key} section={key} t={t} value={value} />
        ))}
        <section>
          <h3>{t.plan.numbers.legend}</h3>
          <p dir="ltr" class="print-lines">
            {EMERGENCY_NUMBERS.join(' · ')}
          </p>
          <Entries section="numbers" t={t} value={value} />
        </section>
      </article>
    </div>
  );
}

function PrintedSection({ section, t, value }: { section: SectionKey; t: Messages; value: SafetyPlan }) {
  return (
    <section>
      <h3>{sectionTexts(t.plan, section).legend}</h3>
      <Entries section={section} t={t} value={value} />
    </section>
  );
}

function Entries({ section, t, value }: { section: SectionKey; t: Messages; value: SafetyPlan }) {
  const groups: Values[] = isList(section) ? listOf(value, section) : [sectionOf(value, section)];
  return (
    <>
      {groups.map((values, i) => (
        <dl key={i}>
          {SECTION_FIELDS[section]
            .filter((field) => values[field]?.trim())
            .map((field) => (
              <div key={field}>
                <dt>{labelOf(t.plan, section, field)}</dt>
                <dd {...(field === 'phone' ? { dir: 'ltr' } : {})}>{values[field]}</dd>
              </div>
            ))}
        </dl>
      ))}
    </>
  );
}

/** Sets `document.title` to the neutral title for the time the browser prints, then puts it back. */
function useNeutralTitleWhilePrinting(title: string): void {
  useEffect(() => {
    let saved: string | undefined;
    const before = () => {
      saved = document.title;
      document.title = title;
    };
    const after = () => {
      if (saved !== undefined) document.title = saved;
      saved = undefined;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      after();
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [title]);
}
