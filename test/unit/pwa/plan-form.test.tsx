// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPlan, type SafetyPlan } from '../../../shared/space/plan.js';
import nl from '../../../pwa/src/i18n/nl.js';
import { PlanForm } from '../../../pwa/src/space/plan-form.js';

afterEach(cleanup);

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
  const view = render(<Host />);
  return { ...view, seen };
}

describe('the safety plan form', () => {
  it('renders every section as a fieldset with its legend', () => {
    const { container } = renderForm();
    const legends = [...container.querySelectorAll('[data-plan-section] > legend')].map((l) => l.textContent);
    expect(legends).toEqual([
      nl.plan.places.legend,
      nl.plan.people.legend,
      nl.plan.codeWord.legend,
      nl.plan.documents.legend,
      nl.plan.children.legend,
      nl.plan.leaving.legend,
      nl.plan.staying.legend,
      nl.plan.digital.legend,
      nl.plan.numbers.legend,
    ]);
  });
});
