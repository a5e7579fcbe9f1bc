import { describe, expect, it } from 'vitest';
import { checkDetails, formField } from '../../../pwa/src/booking/rules.js';
import { emptyDetails, type Details } from '../../../pwa/src/booking/state.js';
import nl from '../../../pwa/src/i18n/nl.js';

const t = nl.booking;
const details = (patch: Partial<Details>): Details => ({ ...emptyDetails('nl'), alias: 'Mira', ...patch });

describe('booking details rules', () => {
  it('say the first thing wrong, at its field, with the rule', () => {
    expect(checkDetails(details({ alias: '  ' }), t)).toEqual({ field: 'alias', text: t.errors.aliasMissing });
    expect(checkDetails(details({ mayContact: true }), t)).toEqual({ field: 'phone', text: t.errors.phoneMissing });
    expect(checkDetails(details({ mayContact: true, phone: '0470 12' }), t)).toEqual({ field: 'phone', text: t.errors.phoneRule });
    expect(checkDetails(details({ mayContact: true, phone: '+32 470 12 34 56 78 90 12' }), t)?.field).toBe('phone');
    expect(t.errors.phoneRule).toContain('8 tot 15 cijfers');
  });

  it('safe times: both or neither, the end after the start', () => {
    const phone = { mayContact: true, phone: '0470 12 34 56' };
    expect(checkDetails(details({ ...phone, safeFrom: '10:00' }), t)).toEqual({ field: 'end', text: t.errors.timesRule });
    expect(checkDetails(details({ ...phone, safeTo: '12:00' }), t)).toEqual({ field: 'start', text: t.errors.timesRule });
    expect(checkDetails(details({ ...phone, safeFrom: '12:00', safeTo: '10:00' }), t)?.field).toBe('end');
    expect(checkDetails(details({ ...phone, safeFrom: '10:00', safeTo: '12:00' }), t)).toBeUndefined();
  });

  it('nothing to check about contact when the centre may not call', () => {
    expect(checkDetails(details({ mayContact: false, phone: '12' }), t)).toBeUndefined();
  });

  it("map the API's field paths to this form's inputs, never the chosen time to the safe-from time", () => {
    expect(formField('safeContact.windows.0.end')).toBe('end');
    expect(formField('safeContact.phone')).toBe('phone');
    expect(formField('alias')).toBe('alias');
    expect(formField('start')).toBeUndefined();
    expect(formField('serviceId')).toBeUndefined();
    expect(formField('constructor')).toBeUndefined();
  });
});
