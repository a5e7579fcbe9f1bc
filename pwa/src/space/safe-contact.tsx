import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ContactFields, safeContactOf, useFieldErrors, type ContactDetails } from '../booking/contact-fields.js';
import { checkContact } from '../booking/rules.js';
import { emptyDetails } from '../booking/state.js';
import { Check } from '../field.js';
import { useI18n } from '../i18n/index.js';
import { Said, useSaid } from './said.js';
import type { PlanMessages } from './texts.js';
import { api, type OpenSpace } from './state.js';

/**
 * Her safe-contact choices for the officer of her police case (PUT /api/space/safe-contact), asked with
 * the booking form's fields and rules. They go to her case, sealed there, and replace what the officer
 * reads before calling; her space keeps no copy, so the form starts empty each time and is emptied once
 * sent, and the quick exit leaves nothing of it behind.
 */
export function SafeContactView({ t, s }: { t: PlanMessages['space']; s: OpenSpace }): JSX.Element {
  const { lang, t: common } = useI18n();
  const tb = common.booking;
  const [d, setD] = useState<ContactDetails>(() => emptyDetails(lang));
  const [busy, setBusy] = useState(false);
  const [said, say] = useSaid();
  const form = useFieldErrors(d, (c: ContactDetails) => checkContact(c, tb), tb, undefined);
  const set = (patch: Partial<ContactDetails>) => setD((c) => ({ ...c, ...patch }));

  const send = async (e: Event) => {
    e.preventDefault();
    if (d.mayContact === undefined) {
      say(false, tb.mayContact);
      document.querySelector<HTMLInputElement>('input[name="may-contact"]')?.focus();
      return;
    }
    if (!form.ready()) return;
    setBusy(true);
    const out = await api(
      s.keys,
      'PUT',
      '/api/space/safe-contact',
      { safeContact: safeContactOf(d), language: lang, interpreter: d.interpreter },
      'case-closed',
    );
    setBusy(false);
    if (!out.ok) return say(false, t.errors[out.reason]);
    setD(emptyDetails(lang));
    say(true, t.safeContact.saved);
  };

  return (
    <form noValidate onSubmit={send} data-space-safe-contact="">
      <p>{t.safeContact.intro}</p>
      <ContactFields t={tb} d={d} set={set} errorOf={form.errorOf} askConsent={false} />
      <Check label={tb.interpreter} checked={d.interpreter} onChange={(on) => set({ interpreter: on })} />
      <button type="submit" class="button primary" disabled={busy}>
        {t.safeContact.save}
      </button>
      <Said {...said} />
    </form>
  );
}
