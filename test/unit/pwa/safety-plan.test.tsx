// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { adviceLevel, emptyPlan, PLAN_LIMITS, type SafetyPlan, safetyPlanSchema, selfCheckResultSchema } from '../../../shared/space/plan.js';
import { appConfig } from '../../../pwa/src/config.js';
import { LANGS, loadCatalogue } from '../../../pwa/src/i18n/lang.js';
import nl from '../../../pwa/src/i18n/nl.js';
import planNl from '../../../pwa/src/i18n/plan-nl.js';
import { PlanForm } from '../../../pwa/src/space/plan-form.js';
import { PrintablePlan } from '../../../pwa/src/space/printable-plan.js';
import { SECTION_FIELDS, SECTIONS } from '../../../pwa/src/space/plan-sections.js';
import { SelfCheck } from '../../../pwa/src/space/self-check.js';

afterEach(cleanup);

const p = planNl.plan;

const fullPlan: SafetyPlan = {
  places: [{ place: 'Bij mijn zus', how: 'Bus 500, ook ’s nachts een taxi' }],
  people: [{ name: 'Leen', phone: '0470 12 34 56', how: 'Haalt de kinderen' }],
  codeWord: { word: 'ananas', meaning: 'Bel 112', whoKnows: 'Leen en mijn zus' },
  documents: [{ what: 'Paspoort', where: 'Bij Leen' }],
  children: { pickUp: 'Leen', whatTheyKnow: 'Naar de buren gaan', safeAdult: 'De juf' },
  leaving: { where: 'Vluchthuis', bag: 'Bij de buren', how: 'Overdag, met 1712' },
  staying: { safeRoom: 'De badkamer', signs: 'Als hij drinkt', neighbours: 'Mevrouw Peeters' },
  digital: { phone: 'Code veranderen', accounts: 'Cloud', location: 'Locatie delen uit' },
  numbers: [{ name: 'Huisarts', phone: '03 123 45 67' }],
};

describe('the safety plan schema', () => {
  it('keeps a full plan as it is, and an empty one', () => {
    expect(safetyPlanSchema.parse(fullPlan)).toEqual(fullPlan);
    expect(safetyPlanSchema.parse(emptyPlan())).toEqual({});
  });

  it('refuses an unknown field, at the top and inside a section or a list item', () => {
    expect(safetyPlanSchema.safeParse({ ...fullPlan, secret: 'x' }).success).toBe(false);
    expect(safetyPlanSchema.safeParse({ codeWord: { word: 'a', extra: 'x' } }).success).toBe(false);
    expect(safetyPlanSchema.safeParse({ people: [{ name: 'a', address: 'x' }] }).success).toBe(false);
  });

  it('refuses oversize texts and lists, naming where', () => {
    const long = safetyPlanSchema.safeParse({ leaving: { bag: 'x'.repeat(PLAN_LIMITS.note + 1) } });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.path).toEqual(['leaving', 'bag']);
    expect(safetyPlanSchema.safeParse({ leaving: { bag: 'x'.repeat(PLAN_LIMITS.note) } }).success).toBe(true);
    expect(safetyPlanSchema.safeParse({ codeWord: { word: 'x'.repeat(PLAN_LIMITS.line + 1) } }).success).toBe(false);
    expect(safetyPlanSchema.safeParse({ people: [{ phone: '1'.repeat(PLAN_LIMITS.phone + 1) }] }).success).toBe(false);
    const many = safetyPlanSchema.safeParse({ documents: Array.from({ length: PLAN_LIMITS.documents + 1 }, () => ({ what: 'x' })) });
    expect(many.success).toBe(false);
    expect(many.error?.issues[0]?.path).toEqual(['documents']);
    expect(safetyPlanSchema.safeParse({ places: 'Bij mijn zus' }).success).toBe(false);
  });

  it('a saved self-check keeps its answers, its level and when; nothing else', () => {
    const saved = { answers: { now: 'no', neck: 'yes' }, level: 'serious', at: '2026-03-01T09:30:00+01:00' };
    expect(selfCheckResultSchema.parse(saved)).toEqual({ ...saved, at: '2026-03-01T08:30:00.000Z' });
    expect(selfCheckResultSchema.safeParse({ ...saved, answers: { whoAreYou: 'yes' } }).success).toBe(false);
    expect(selfCheckResultSchema.safeParse({ ...saved, answers: { neck: 'maybe' } }).success).toBe(false);
    expect(selfCheckResultSchema.safeParse({ ...saved, level: 'safe' }).success).toBe(false);
    expect(selfCheckResultSchema.safeParse({ ...saved, note: 'x' }).success).toBe(false);
  });
});

describe('the self-check advice', () => {
  it('danger right now comes first, whatever else she answered', () => {
    expect(adviceLevel({ now: 'yes' })).toBe('now');
    expect(adviceLevel({ now: 'yes', afraid: 'no', neck: 'no' })).toBe('now');
  });
  it('one serious sign is serious danger', () => {
    for (const q of ['threatKill', 'neck', 'weapon', 'children'] as const) expect(adviceLevel({ now: 'no', [q]: 'yes' }), q).toBe('serious');
  });
  it('three other signs together are serious, one or two are raised', () => {
    expect(adviceLevel({ afraid: 'yes', leaving: 'yes', following: 'yes' })).toBe('serious');
    expect(adviceLevel({ afraid: 'yes', leaving: 'yes' })).toBe('raised');
    expect(adviceLevel({ pregnant: 'yes' })).toBe('raised');
  });
  it('"not sure" about a serious sign or about the danger now is not nothing', () => {
    expect(adviceLevel({ neck: 'unsure' })).toBe('raised');
    expect(adviceLevel({ now: 'unsure' })).toBe('raised');
    expect(adviceLevel({ control: 'unsure' })).toBe('listen');
  });
  it('no sign (or nothing answered) never says "safe": it says to listen to herself', () => {
    expect(adviceLevel({})).toBe('listen');
    expect(adviceLevel({ now: 'no', afraid: 'no', neck: 'no' })).toBe('listen');
    expect(planNl.selfCheck.advice.listen).toContain('niet zeggen dat je veilig bent');
  });
});

/** The form as a host uses it: the plan in the host's state, every change kept there. */
function renderForm(initial: SafetyPlan = emptyPlan()) {
  const seen: { plan: SafetyPlan } = { plan: initial };
  function Host() {
    const [plan, setPlan] = useState(initial);
    return (
      <PlanForm
        value={plan}
        onChange={(next) => {
          seen.plan = next;
          setPlan(next);
        }}
      />
    );
  }
  return { ...render(<Host />), seen };
}

const type = (label: string, text: string, index = 0) => {
  const field = screen.getAllByLabelText(label)[index];
  if (!field) throw new Error(`no field ${label}`);
  fireEvent.input(field, { target: { value: text } });
};

describe('the safety plan form', () => {
  it('shows every section as a fieldset with its legend, in order', async () => {
    const { container } = renderForm();
    await screen.findByText(p.intro);
    const legends = [...container.querySelectorAll('[data-plan-section] > legend')].map((l) => l.textContent);
    expect(legends).toEqual(SECTIONS.map((s) => p[s].legend));
  });

  it('edits every field of every section into the plan, and an emptied field leaves it', async () => {
    const { seen } = renderForm();
    await screen.findByText(p.intro);
    for (const section of SECTIONS) {
      for (const field of SECTION_FIELDS[section]) {
        const label = (p[section] as Record<string, unknown>)[field] as string;
        // Labels repeat across sections ("Naam", "Telefoonnummer"): the field of this section by its id.
        const id = ['places', 'people', 'documents', 'numbers'].includes(section) ? `plan-${section}-0-${field}` : `plan-${section}-${field}`;
        const input = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
        expect(input.labels?.[0]?.textContent, id).toBe(label);
        fireEvent.input(input, { target: { value: `${section}.${field}` } });
      }
    }
    const expected = Object.fromEntries(
      SECTIONS.map((s) => {
        const values = Object.fromEntries(SECTION_FIELDS[s].map((f) => [f, `${s}.${f}`]));
        return [s, ['places', 'people', 'documents', 'numbers'].includes(s) ? [values] : values];
      }),
    );
    expect(seen.plan).toEqual(expected);
    expect(safetyPlanSchema.parse(seen.plan)).toEqual(expected);

    type(p.codeWord.word, '');
    expect(seen.plan.codeWord).toEqual({ meaning: 'codeWord.meaning', whoKnows: 'codeWord.whoKnows' });
  });

  it('adds and removes list items, within the list’s bound', async () => {
    const { seen } = renderForm({ people: [{ name: 'Leen' }] });
    await screen.findByText(p.intro);
    fireEvent.click(screen.getByRole('button', { name: p.people.add }));
    type(p.people.name, 'Sam', 1);
    expect(seen.plan.people).toEqual([{ name: 'Leen' }, { name: 'Sam' }]);
    fireEvent.click(screen.getByRole('button', { name: p.remove(p.people.item(1)) }));
    expect(seen.plan.people).toEqual([{ name: 'Sam' }]);
    cleanup();
    renderForm({ places: Array.from({ length: PLAN_LIMITS.places }, () => ({ place: 'x' })) });
    await screen.findByText(p.intro);
    expect(screen.queryByRole('button', { name: p.places.add })).toBeNull();
  });

  it('the numbers section shows 112 first, then the declared help lines', async () => {
    const { container } = renderForm();
    await screen.findByText(p.intro);
    const links = [...container.querySelectorAll('[data-plan-lines] a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['tel:112', 'tel:101', 'tel:1712', 'tel:080030030']);
  });

  it('bounds every field as the schema does', async () => {
    const { container } = renderForm();
    await screen.findByText(p.intro);
    expect((document.getElementById('plan-codeWord-word') as HTMLInputElement).maxLength).toBe(PLAN_LIMITS.line);
    expect((document.getElementById('plan-leaving-bag') as HTMLTextAreaElement).maxLength).toBe(PLAN_LIMITS.note);
    expect((document.getElementById('plan-people-0-phone') as HTMLInputElement).type).toBe('tel');
    expect(container.querySelectorAll('textarea').length).toBeGreaterThan(10);
  });
});

describe('the printable plan', () => {
  it('has a neutral title in the page and as the document title while printing, then the old one back', async () => {
    document.title = appConfig.title;
    const { container } = render(<PrintablePlan value={fullPlan} />);
    await screen.findByRole('heading', { level: 2, name: p.printTitle });
    for (const title of [p.printTitle, container.querySelector('.print-page h2')?.textContent ?? '']) {
      expect(title).not.toMatch(/geweld|violence|veilig|help|hulp/i);
      expect(title).not.toContain(appConfig.shortName);
      expect(title).not.toContain(appConfig.name);
    }
    window.dispatchEvent(new Event('beforeprint'));
    expect(document.title).toBe(p.printTitle);
    window.dispatchEvent(new Event('afterprint'));
    expect(document.title).toBe(appConfig.title);
  });

  it('prints what she wrote, 112 and the help lines first among the numbers, and a print button', async () => {
    const { container } = render(<PrintablePlan value={fullPlan} />);
    await screen.findByRole('heading', { level: 2, name: p.printTitle });
    const page = container.querySelector('.print-page')?.textContent ?? '';
    for (const text of ['Bij mijn zus', 'ananas', 'Paspoort', 'De badkamer', 'Huisarts', '03 123 45 67']) expect(page).toContain(text);
    expect(page.indexOf('112')).toBeLessThan(page.indexOf('03 123 45 67'));
    let printed = 0;
    window.print = () => {
      printed += 1;
    };
    fireEvent.click(screen.getByRole('button', { name: p.print }));
    expect(printed).toBe(1);
  });
});

describe('the self-check component', () => {
  it('asks every question, then advises with 112 first; offers saving only when the space gives onSave', async () => {
    const { container } = render(<SelfCheck />);
    await screen.findByText(planNl.selfCheck.intro);
    expect(container.querySelectorAll('fieldset[data-question]').length).toBe(13);
    fireEvent.click(screen.getAllByLabelText(planNl.selfCheck.answers.yes)[2] as HTMLElement); // threatKill
    fireEvent.click(screen.getByRole('button', { name: planNl.selfCheck.show }));
    expect(container.querySelector('[data-advice]')?.getAttribute('data-advice')).toBe('serious');
    expect(container.querySelector('[data-emergency-numbers] a')?.getAttribute('href')).toBe('tel:112');
    expect(screen.queryByRole('button', { name: planNl.selfCheck.save })).toBeNull();
  });

  it('takes no focus when it appears (the screen’s heading keeps it); "start again" goes back to the first question', async () => {
    const { container } = render(<SelfCheck />);
    await screen.findByText(planNl.selfCheck.intro);
    expect(container.contains(document.activeElement)).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: planNl.selfCheck.show }));
    expect(document.activeElement?.id).toBe('self-check-result');
    fireEvent.click(screen.getByRole('button', { name: planNl.selfCheck.again }));
    expect(document.activeElement).toBe(container.querySelector('fieldset[data-question="now"] input'));
    expect(container.querySelector('[data-advice]')).toBeNull();
  });

  it('saves the answers and the level into her space through onSave', async () => {
    const saved: unknown[] = [];
    render(<SelfCheck onSave={(r) => void saved.push(r)} />);
    await screen.findByText(planNl.selfCheck.intro);
    fireEvent.click(screen.getAllByLabelText(planNl.selfCheck.answers.yes)[0] as HTMLElement); // now
    expect(screen.getByRole('alert').textContent).toContain(planNl.selfCheck.nowAlert);
    fireEvent.click(screen.getByRole('button', { name: planNl.selfCheck.show }));
    fireEvent.click(screen.getByRole('button', { name: planNl.selfCheck.save }));
    await screen.findByText(planNl.selfCheck.saved);
    expect(selfCheckResultSchema.parse(saved[0])).toMatchObject({ answers: { now: 'yes' }, level: 'now' });
  });

  it('an answer changed after the advice changes the advice, and what is saved', async () => {
    const saved: Array<{ level: string }> = [];
    const { container } = render(<SelfCheck onSave={(r) => void saved.push(r)} />);
    await screen.findByText(planNl.selfCheck.intro);
    fireEvent.click(screen.getByRole('button', { name: planNl.selfCheck.show }));
    expect(container.querySelector('[data-advice]')?.getAttribute('data-advice')).toBe('listen');
    fireEvent.click(container.querySelector('fieldset[data-question="weapon"] input[value="yes"]') as HTMLElement);
    expect(container.querySelector('[data-advice]')?.getAttribute('data-advice')).toBe('serious');
    fireEvent.click(screen.getByRole('button', { name: planNl.selfCheck.save }));
    await screen.findByText(planNl.selfCheck.saved);
    expect(saved.map((r) => r.level)).toEqual(['serious']);
  });
});

describe('the plan texts', () => {
  it('every language has the Dutch keys, loaded through its catalogue', async () => {
    const shape = (value: unknown, path = ''): string[] => {
      if (typeof value === 'function') return [`${path}()`];
      if (Array.isArray(value)) return value.flatMap((v, i) => shape(v, `${path}[${i}]`));
      if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
      return [path];
    };
    for (const lang of LANGS) {
      const catalogue = lang === 'nl' ? nl : await loadCatalogue(lang);
      const texts = (await catalogue.planTexts()).default;
      expect(shape(texts).sort(), lang).toEqual(shape(planNl).sort());
      expect(texts.review.status, lang).toBe('awaiting-native-review');
    }
  });
});
