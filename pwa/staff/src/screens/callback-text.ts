import type { Lang } from '../i18n/index.js';

/** Texts of the call-back screen. French and English await a native speaker's review. */
const nl = {
  title: 'Terugbelverzoek',
  intro: 'Lees eerst hoe zij veilig gebeld kan worden, en bel pas dan.',
  asked: 'Gevraagd aan',
  from: { police: 'de politie (sociale dienst)', fjc: 'het FJC' },
  requestedAt: 'Gevraagd op',
  safeTimes: 'Veilige momenten',
  times: { morning: 'voormiddag', afternoon: 'namiddag', evening: 'avond' },
  voicemail: 'Voicemail inspreken',
  voicemailNo: 'Geen voicemail inspreken',
  yes: 'ja',
  language: 'Taal',
  phone: 'Telefoonnummer',
  call: (phone: string) => `Bel ${phone}`,
  case: 'Dossier',
  done: 'Teruggebeld',
  doneBy: (who: string, when: string) => `${who}, ${when}`,
  markDone: 'Zij is teruggebeld',
};
export type CallbackText = typeof nl;

const fr: CallbackText = {
  title: 'Demande de rappel',
  intro: "Lisez d'abord comment l'appeler en sécurité, et n'appelez qu'ensuite.",
  asked: 'Demandé à',
  from: { police: 'la police (service social)', fjc: 'le FJC' },
  requestedAt: 'Demandé le',
  safeTimes: 'Moments sûrs',
  times: { morning: 'matin', afternoon: 'après-midi', evening: 'soir' },
  voicemail: 'Laisser un message vocal',
  voicemailNo: 'Ne pas laisser de message vocal',
  yes: 'oui',
  language: 'Langue',
  phone: 'Numéro de téléphone',
  call: (phone: string) => `Appeler le ${phone}`,
  case: 'Dossier',
  done: 'Rappelée',
  doneBy: (who, when) => `${who}, ${when}`,
  markDone: 'Elle a été rappelée',
};

const en: CallbackText = {
  title: 'Call-back request',
  intro: 'Read first how she can be called safely, and only then call.',
  asked: 'Asked',
  from: { police: 'the police (social service)', fjc: 'the FJC' },
  requestedAt: 'Asked on',
  safeTimes: 'Safe times',
  times: { morning: 'morning', afternoon: 'afternoon', evening: 'evening' },
  voicemail: 'Leave a voicemail',
  voicemailNo: 'Do not leave a voicemail',
  yes: 'yes',
  language: 'Language',
  phone: 'Phone number',
  call: (phone: string) => `Call ${phone}`,
  case: 'Case',
  done: 'Called back',
  doneBy: (who, when) => `${who}, ${when}`,
  markDone: 'She has been called back',
};

export const callbackText: Record<Lang, CallbackText> = { nl, fr, en };
