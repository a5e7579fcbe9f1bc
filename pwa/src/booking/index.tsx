import type { JSX } from 'preact';
import { useLang } from '../i18n/index.js';
import { navigate } from '../router.js';
import type { Localized } from '../i18n/lang.js';

/**
 * Stub of the booking screen (issue 4). The bookings helper replaces this file; the contract is in
 * pwa/README.md ("Screen contract"): a default export without props.
 */
const text: Record<'title' | 'body' | 'back', Localized> = {
  title: { nl: 'Een afspraak maken', fr: 'Prendre rendez-vous', en: 'Make an appointment', ar: 'حجز موعد' },
  body: { nl: 'Dit is nog niet beschikbaar.', fr: 'Ce n’est pas encore disponible.', en: 'This is not available yet.', ar: 'هذا غير متاح بعد.' },
  back: { nl: 'Terug naar het begin', fr: 'Retour au début', en: 'Back to the start', ar: 'العودة إلى البداية' },
};

export default function BookingScreen(): JSX.Element {
  const lang = useLang();
  return (
    <section>
      <h1 tabIndex={-1} data-screen-heading="">{text.title[lang]}</h1>
      <p>{text.body[lang]}</p>
      <button type="button" class="link-button" onClick={() => navigate('home')}>{text.back[lang]}</button>
    </section>
  );
}
