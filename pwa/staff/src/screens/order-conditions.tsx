import { PROGRAMME_PARTNER_KINDS, REPORTING_PARTNER_KINDS, REPORTING_RHYTHMS, type OrderBody } from '../../../../shared/orders/api.js';
import { PARTNERS } from '../../../../shared/partners.js';
import type { PerpetratorConditions } from '../../../../shared/zones/index.js';
import type { Messages } from '../i18n/nl.js';
import { label, useI18n } from '../i18n/index.js';
import { Fact, Facts, Field, isoToLocal, localToIso, SelectField, value } from '../ui/fields.js';
import { choices } from '../ui/form-bits.js';

/** The respondent's conditions beyond the zones, as the order form holds them (memory only). */
export interface ConditionsForm {
  programme: string;
  reporting: string;
  every: string;
  noticeAt: string;
  noticeBy: string;
}

export const noConditions = (now: Date): ConditionsForm => ({ programme: '', reporting: '', every: 'fortnight', noticeAt: isoToLocal(now), noticeBy: '' });

const partnersOf = (kinds: readonly string[]) => PARTNERS.filter((p) => kinds.includes(p.kind)).map((p) => [p.id, p.name] as const);

/** The order's `perpetrator` part: only when a programme or a reporting condition is chosen. */
export function conditionsBody(f: ConditionsForm): OrderBody['perpetrator'] {
  if (!f.programme && !f.reporting) return undefined;
  return {
    ...(f.programme ? { programme: { partner: f.programme } } : {}),
    ...(f.reporting ? { reporting: { partner: f.reporting, every: f.every as (typeof REPORTING_RHYTHMS)[number] } } : {}),
    rightsNoticeGivenAt: f.noticeAt ? localToIso(f.noticeAt) : '',
    ...(f.noticeBy.trim() ? { rightsNoticeGivenBy: f.noticeBy.trim() } : {}),
  };
}

/** What the API's field paths of these conditions are called on the form (its 400s name them). */
export const conditionFieldLabels = (t: Messages): Record<string, string> => ({
  'perpetrator.programme': t.conditions.programme,
  'perpetrator.programme.partner': t.conditions.programme,
  'perpetrator.reporting.partner': t.conditions.reporting,
  'perpetrator.reporting.every': t.conditions.every,
  'perpetrator.rightsNoticeGivenAt': t.conditions.noticeAt,
  'perpetrator.rightsNoticeGivenBy': t.conditions.noticeBy,
});

/**
 * A perpetrator programme or treatment with a partner that runs one, reporting to the justice house with
 * its rhythm, and the rights notice (when, and who gave it): required as soon as a condition is chosen.
 */
export function PerpetratorConditionsFields({ form, onChange }: { form: ConditionsForm; onChange: (f: ConditionsForm) => void }) {
  const { t } = useI18n();
  const tx = t.conditions;
  const set = (patch: Partial<ConditionsForm>) => onChange({ ...form, ...patch });
  const any = form.programme !== '' || form.reporting !== '';
  return (
    <fieldset>
      <legend>{tx.legend}</legend>
      <p class="hint">{tx.hint}</p>
      {(
        [
          ['programme', tx.programme, PROGRAMME_PARTNER_KINDS],
          ['reporting', tx.reporting, REPORTING_PARTNER_KINDS],
        ] as const
      ).map(([condition, text, kinds]) => (
        <SelectField
          key={condition}
          id={`cond-${condition}`}
          label={text}
          value={form[condition]}
          onChange={(v) => set({ [condition]: v })}
          empty={t.none}
          options={partnersOf(kinds)}
        />
      ))}
      {form.reporting ? (
        <SelectField id="cond-every" label={tx.every} value={form.every} onChange={(v) => set({ every: v })} options={choices(REPORTING_RHYTHMS, tx.rhythms)} />
      ) : null}
      {any ? (
        <>
          <Field
            id="cond-notice-at"
            type="datetime-local"
            label={tx.noticeAt}
            hint={tx.noticeHint}
            required
            value={form.noticeAt}
            onInput={(e) => set({ noticeAt: value(e) })}
          />
          <Field
            id="cond-notice-by"
            label={tx.noticeBy}
            hint={tx.noticeByHint}
            optional
            autocomplete="off"
            value={form.noticeBy}
            onInput={(e) => set({ noticeBy: value(e) })}
          />
        </>
      ) : null}
    </fieldset>
  );
}

const partnerName = (id: string) => PARTNERS.find((p) => p.id === id)?.name ?? id;

/** On the order's page: the respondent's conditions and the rights notice (when, by whom). */
export function PerpetratorConditionsFacts({ p }: { p: PerpetratorConditions | undefined }) {
  const { t, dateTimeYear } = useI18n();
  const tx = t.conditions;
  if (!p) return null;
  return (
    <>
      <h2>{tx.legend}</h2>
      <Facts>
        <Fact term={tx.programme}>{p.programme ? partnerName(p.programme.partner) : t.none}</Fact>
        <Fact term={tx.reporting}>{p.reporting ? `${partnerName(p.reporting.partner)} — ${label(tx.rhythms, p.reporting.every)}` : t.none}</Fact>
        <Fact term={tx.noticeAt}>
          {dateTimeYear(p.rightsNoticeGivenAt)}
          {p.rightsNoticeGivenBy ? ` (${p.rightsNoticeGivenBy})` : ''}
        </Fact>
      </Facts>
    </>
  );
}
