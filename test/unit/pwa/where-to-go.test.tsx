// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { WhereToGo } from '../../../pwa/src/booking/where.js';
import type { Service } from '../../../pwa/src/catalog-types.js';
import nl from '../../../pwa/src/i18n/nl.js';

const t = nl.booking;
const place = (service: Service | undefined) =>
  render(
    <dl>
      <WhereToGo t={t} service={service} />
    </dl>,
  ).container;

afterEach(cleanup);

describe('where she goes and how', () => {
  it('a public place: its label, its address and what to say at the reception', () => {
    const html = place({ id: 'legal-advice', confidential: false, location: { label: 'FJC Ruppel, gelijkvloers', address: 'Kerkstraat 1, 2850 Boom' } });
    expect(html.querySelector('[data-where]')?.textContent).toContain('FJC Ruppel, gelijkvloers');
    expect(html.querySelector('[data-address]')?.textContent).toBe('Kerkstraat 1, 2850 Boom');
    expect(html.textContent).toContain(t.howToGo);
  });

  it('a confidential place: how she will be met, never an address, even one sent by mistake', () => {
    const html = place({
      id: 'shelter-intake',
      confidential: true,
      location: { label: 'Een begeleider haalt je op aan het politiekantoor van Boom.', address: 'Geheime straat 9' },
    });
    expect(html.querySelector('[data-where="confidential"]')?.textContent).toContain('Een begeleider haalt je op');
    expect(html.textContent).toContain(t.confidentialPlace);
    expect(html.textContent).not.toContain('Geheime straat');
    expect(html.querySelector('[data-address]')).toBeNull();
  });

  it('no catalogue entry (not loaded): says where to find it later', () => {
    expect(place(undefined).querySelector('[data-where="unknown"]')?.textContent).toBe(t.whereUnknown);
  });
});
