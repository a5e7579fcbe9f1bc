import type { Lang } from '../i18n/index.js';

/** Texts of the devices screen. French and English await a native speaker's review. */
const nl = {
  title: 'Meldingen op dit toestel',
  intro:
    'Ontvang alarmen, herinneringen en escalaties als pushmelding op je werktoestel. De melding zegt alleen dat er iets klaarstaat; de details zie je na aanmelden in de console.',
  unsupported: 'Deze browser kan geen pushmeldingen ontvangen. Installeer de console (menu van de browser: "Toevoegen aan startscherm") en probeer opnieuw.',
  notConfigured: 'Pushmeldingen zijn voor deze installatie niet ingesteld.',
  denied: 'Meldingen zijn geweigerd. Sta ze toe in de instellingen van de browser en probeer opnieuw.',
  minSeverity: 'Alarmen vanaf',
  severity: { low: 'laag', high: 'hoog', critical: 'kritiek' } as Record<string, string>,
  label: 'Naam van het toestel',
  enable: 'Meldingen aanzetten op dit toestel',
  enabled: 'Dit toestel ontvangt meldingen.',
  devices: 'Mijn toestellen',
  noDevices: 'Nog geen toestellen.',
  thisDevice: '(dit toestel)',
  unnamed: 'Toestel',
  since: 'sinds',
  lastDelivered: 'laatste melding',
  remove: 'Verwijderen',
  removed: 'Verwijderd.',
  topics: { policeAlerts: 'politiealarmen', officerReminders: 'herinneringen', supervisorEscalations: 'escalaties' } as Record<string, string>,
};
export type DevicesText = typeof nl;

const fr: DevicesText = {
  title: 'Notifications sur cet appareil',
  intro:
    "Recevez alertes, rappels et escalades en notification push sur votre appareil de travail. La notification dit seulement qu'un élément attend ; les détails sont dans la console après connexion.",
  unsupported:
    "Ce navigateur ne peut pas recevoir de notifications push. Installez la console (menu du navigateur : « Ajouter à l'écran d'accueil ») et réessayez.",
  notConfigured: 'Les notifications push ne sont pas configurées pour cette installation.',
  denied: 'Les notifications sont refusées. Autorisez-les dans les réglages du navigateur et réessayez.',
  minSeverity: 'Alertes à partir de',
  severity: { low: 'faible', high: 'élevée', critical: 'critique' },
  label: "Nom de l'appareil",
  enable: 'Activer les notifications sur cet appareil',
  enabled: 'Cet appareil reçoit les notifications.',
  devices: 'Mes appareils',
  noDevices: "Pas encore d'appareil.",
  thisDevice: '(cet appareil)',
  unnamed: 'Appareil',
  since: 'depuis',
  lastDelivered: 'dernière notification',
  remove: 'Supprimer',
  removed: 'Supprimé.',
  topics: { policeAlerts: 'alertes police', officerReminders: 'rappels', supervisorEscalations: 'escalades' },
};

const en: DevicesText = {
  title: 'Notifications on this device',
  intro:
    'Receive alerts, reminders and escalations as push notifications on your work device. The notification only says something is waiting; the details are in the console once you sign in.',
  unsupported: 'This browser cannot receive push notifications. Install the console (browser menu: "Add to home screen") and try again.',
  notConfigured: 'Push notifications are not configured for this deployment.',
  denied: "Notifications are blocked. Allow them in the browser's settings and try again.",
  minSeverity: 'Alerts from',
  severity: { low: 'low', high: 'high', critical: 'critical' },
  label: 'Device name',
  enable: 'Turn on notifications on this device',
  enabled: 'This device receives notifications.',
  devices: 'My devices',
  noDevices: 'No devices yet.',
  thisDevice: '(this device)',
  unnamed: 'Device',
  since: 'since',
  lastDelivered: 'last notification',
  remove: 'Remove',
  removed: 'Removed.',
  topics: { policeAlerts: 'police alerts', officerReminders: 'reminders', supervisorEscalations: 'escalations' },
};

export const devicesText: Record<Lang, DevicesText> = { nl, fr, en };
