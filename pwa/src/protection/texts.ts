import type { Lang } from '../i18n/lang.js';
import type { Failure } from './send.js';

/** The protection screen's texts in the app's four languages (kept next to the screen). */
export interface ProtectionTexts {
  title: string;
  intro: string;
  codeLabel: string;
  codeHint: string;
  /** How to get a (new) code: the quick exit forgets a kept one, and police can reissue it. */
  noCode: string;
  codeMissing: string;
  rememberLabel: string;
  rememberHint: string;
  panicTitle: string;
  panicIntro: string;
  panicButton: string;
  shareLocation: string;
  confirmTitle: string;
  confirmText: string;
  confirmYes: string;
  confirmNo: string;
  locating: string;
  sending: (attempt: number, of: number) => string;
  /**
   * What became of a panic, never more than has happened: stored, published to police, acknowledged by
   * an officer (polled; shared/monitoring/api.ts). The texts of these four keys await a native
   * speaker's review in every language.
   */
  received: (time: string) => string;
  forwarding: string;
  forwarded: (time: string) => string;
  notSeen: string;
  seen: (time: string) => string;
  sentHint: string;
  contactTitle: string;
  contactIntro: string;
  contactWhen: string;
  contactWhenHint: string;
  contactButton: string;
  contactSending: (attempt: number, of: number) => string;
  contactSent: (time: string) => string;
  errors: Record<Failure, string>;
  call112: string;
  tryAgain: string;
  back: string;
  duressTitle: string;
  duressIntro: string;
  duressLabel: string;
  duressHint: string;
  duressSave: string;
  duressRemove: string;
  duressSaved: string;
  duressRemoved: string;
  duressInvalid: string;
  duressTaken: string;
}

const nl: ProtectionTexts = {
  title: 'Bescherming',
  intro:
    'Met de beschermingscode die je van de politie kreeg, kun je hier alarm slaan of melden dat de persoon tegen wie het contactverbod geldt contact met je zocht.',
  codeLabel: 'Beschermingscode',
  noCode:
    'Geen code, of vergeten? Bel 101 of je contactpersoon bij de politie en vraag een nieuwe beschermingscode. De oude werkt dan niet meer. Snel weg wist een onthouden code.',
  codeHint: 'Twaalf tekens, bijvoorbeeld ABCD-EFGH-JKMN. Hoofdletters of streepjes maken niet uit.',
  codeMissing: 'Vul eerst je beschermingscode in.',
  rememberLabel: 'Code onthouden op dit toestel',
  rememberHint: 'Alleen als niemand anders dit toestel gebruikt. De snelle uitgang wist de code.',
  panicTitle: 'Alarm',
  panicIntro: 'Ben je in gevaar? Het alarm gaat meteen naar de politie. Bel ook 112 als dat kan.',
  panicButton: 'Alarm slaan',
  shareLocation: 'Mijn locatie meesturen (je toestel vraagt toestemming)',
  confirmTitle: 'Alarm nu naar de politie sturen?',
  confirmText: 'Druk op "Ja, alarm sturen". Was het per ongeluk, druk dan op "Nee".',
  confirmYes: 'Ja, alarm sturen',
  confirmNo: 'Nee, niet sturen',
  locating: 'Locatie zoeken…',
  sending: (a, n) => (a === 1 ? 'Alarm wordt verstuurd…' : `Het netwerk is traag. Nog een poging (${a} van ${n})…`),
  received: (time) => `Alarm ontvangen om ${time}.`,
  forwarding: 'Het alarm wordt doorgestuurd naar de politie…',
  forwarded: (time) => `Doorgestuurd naar de politie om ${time}.`,
  notSeen: 'Nog niet gezien door een agent.',
  seen: (time) => `Gezien door een agent om ${time}.`,
  sentHint: 'Blijf als het kan op een veilige plek. Bel 112 als je kunt praten.',
  contactTitle: 'Contact melden',
  contactIntro: 'Zocht de persoon tegen wie het contactverbod geldt contact met je (bericht, telefoon, aan de deur)? Meld het hier. Dit is geen noodoproep.',
  contactWhen: 'Wanneer was het contact?',
  contactWhenHint: 'Laat leeg als het net gebeurde.',
  contactButton: 'Contact melden',
  contactSending: (a, n) => (a === 1 ? 'Melding wordt verstuurd…' : `Het netwerk is traag. Nog een poging (${a} van ${n})…`),
  contactSent: (time) => `Je melding is ontvangen om ${time}. De politie volgt ze op.`,
  errors: {
    'unknown-code': 'Deze beschermingscode is niet gekend. Kijk ze na.',
    throttled: 'Te veel foute codes na elkaar. Probeer later opnieuw, of bel 112.',
    invalid: 'Dit kon niet worden verstuurd. Kijk de code na.',
    offline: 'Er is geen internetverbinding. Bel 112.',
    failed: 'Het versturen is niet gelukt. Bel 112.',
  },
  call112: 'Bel 112',
  tryAgain: 'Opnieuw proberen',
  back: 'Terug naar het begin',
  duressTitle: 'Stille alarmcode (als je wilt)',
  duressIntro:
    'Moet je de app openen terwijl iemand meekijkt? Typ in de notities van de geïnstalleerde app je stille alarmcode en druk op Enter. Je ziet gewoon de notities, en de politie krijgt stil een alarm.',
  duressLabel: 'Stille alarmcode',
  duressHint: '6 tot 8 cijfers, niet je pincode. Alleen de server van de politie bewaart er een onleesbare vorm van; niets op dit toestel.',
  duressSave: 'Code bewaren',
  duressRemove: 'Code verwijderen',
  duressSaved: 'Je stille alarmcode is bewaard.',
  duressRemoved: 'Je stille alarmcode is verwijderd.',
  duressInvalid: 'Gebruik 6 tot 8 cijfers.',
  duressTaken: 'Kies een andere code.',
};

const fr: ProtectionTexts = {
  title: 'Protection',
  intro:
    'Avec le code de protection reçu de la police, vous pouvez ici donner l’alarme ou signaler que la personne visée par l’interdiction de contact a cherché à vous contacter.',
  codeLabel: 'Code de protection',
  noCode:
    'Pas de code, ou oublié ? Appelez le 101 ou votre contact à la police et demandez un nouveau code de protection. L’ancien ne fonctionnera plus. La sortie rapide efface un code mémorisé.',
  codeHint: 'Douze caractères, par exemple ABCD-EFGH-JKMN. Majuscules et tirets n’ont pas d’importance.',
  codeMissing: 'Saisissez d’abord votre code de protection.',
  rememberLabel: 'Retenir le code sur cet appareil',
  rememberHint: 'Seulement si personne d’autre n’utilise cet appareil. La sortie rapide efface le code.',
  panicTitle: 'Alarme',
  panicIntro: 'Vous êtes en danger ? L’alarme part immédiatement vers la police. Appelez aussi le 112 si vous le pouvez.',
  panicButton: 'Donner l’alarme',
  shareLocation: 'Envoyer ma position (votre appareil demande l’autorisation)',
  confirmTitle: 'Envoyer l’alarme à la police maintenant ?',
  confirmText: 'Appuyez sur « Oui, envoyer l’alarme ». Si c’était une erreur, appuyez sur « Non ».',
  confirmYes: 'Oui, envoyer l’alarme',
  confirmNo: 'Non, ne pas envoyer',
  locating: 'Recherche de la position…',
  sending: (a, n) => (a === 1 ? 'Envoi de l’alarme…' : `Le réseau est lent. Nouvel essai (${a} sur ${n})…`),
  received: (time) => `Alarme reçue à ${time}.`,
  forwarding: 'L’alarme est transmise à la police…',
  forwarded: (time) => `Transmise à la police à ${time}.`,
  notSeen: 'Pas encore vue par un agent.',
  seen: (time) => `Vue par un agent à ${time}.`,
  sentHint: 'Restez si possible dans un endroit sûr. Appelez le 112 si vous pouvez parler.',
  contactTitle: 'Signaler un contact',
  contactIntro:
    'La personne visée par l’interdiction de contact a-t-elle cherché à vous joindre (message, téléphone, à la porte) ? Signalez-le ici. Ce n’est pas un appel d’urgence.',
  contactWhen: 'Quand le contact a-t-il eu lieu ?',
  contactWhenHint: 'Laissez vide si cela vient de se produire.',
  contactButton: 'Signaler le contact',
  contactSending: (a, n) => (a === 1 ? 'Envoi du signalement…' : `Le réseau est lent. Nouvel essai (${a} sur ${n})…`),
  contactSent: (time) => `Votre signalement a été reçu à ${time}. La police y donnera suite.`,
  errors: {
    'unknown-code': 'Ce code de protection est inconnu. Vérifiez-le.',
    throttled: 'Trop de codes erronés d’affilée. Réessayez plus tard ou appelez le 112.',
    invalid: 'L’envoi n’a pas été possible. Vérifiez le code.',
    offline: 'Pas de connexion Internet. Appelez le 112.',
    failed: 'L’envoi a échoué. Appelez le 112.',
  },
  call112: 'Appeler le 112',
  tryAgain: 'Réessayer',
  back: 'Retour au début',
  duressTitle: 'Code d’alarme silencieuse (si vous voulez)',
  duressIntro:
    'Vous devez ouvrir l’application sous le regard de quelqu’un ? Dans les notes de l’application installée, tapez votre code d’alarme silencieuse et appuyez sur Entrée. Vous voyez les notes, et la police reçoit une alarme en silence.',
  duressLabel: 'Code d’alarme silencieuse',
  duressHint: '6 à 8 chiffres, pas votre code PIN. Seul le serveur de la police en garde une forme chiffrée ; rien sur cet appareil.',
  duressSave: 'Enregistrer le code',
  duressRemove: 'Supprimer le code',
  duressSaved: 'Votre code d’alarme silencieuse est enregistré.',
  duressRemoved: 'Votre code d’alarme silencieuse est supprimé.',
  duressInvalid: 'Utilisez 6 à 8 chiffres.',
  duressTaken: 'Choisissez un autre code.',
};

const en: ProtectionTexts = {
  title: 'Protection',
  intro:
    'With the protection code the police gave you, you can raise an alarm here, or report that the person the restraining order is against tried to contact you.',
  codeLabel: 'Protection code',
  noCode:
    'No code, or forgotten it? Call 101 or your police contact and ask for a new protection code. The old one then stops working. The quick exit forgets a remembered code.',
  codeHint: 'Twelve characters, for example ABCD-EFGH-JKMN. Capitals and dashes do not matter.',
  codeMissing: 'Enter your protection code first.',
  rememberLabel: 'Remember the code on this device',
  rememberHint: 'Only if nobody else uses this device. The quick exit erases the code.',
  panicTitle: 'Alarm',
  panicIntro: 'Are you in danger? The alarm goes to the police at once. Call 112 as well if you can.',
  panicButton: 'Raise the alarm',
  shareLocation: 'Send my location (your device asks for permission)',
  confirmTitle: 'Send the alarm to the police now?',
  confirmText: 'Press "Yes, send the alarm". If it was a mistake, press "No".',
  confirmYes: 'Yes, send the alarm',
  confirmNo: 'No, do not send',
  locating: 'Finding your location…',
  sending: (a, n) => (a === 1 ? 'Sending the alarm…' : `The network is slow. Trying again (${a} of ${n})…`),
  received: (time) => `Alarm received at ${time}.`,
  forwarding: 'The alarm is being passed to the police…',
  forwarded: (time) => `Passed to the police at ${time}.`,
  notSeen: 'Not yet seen by an officer.',
  seen: (time) => `Seen by an officer at ${time}.`,
  sentHint: 'Stay somewhere safe if you can. Call 112 if you are able to talk.',
  contactTitle: 'Report contact',
  contactIntro:
    'Did the person the restraining order is against try to contact you (message, phone, at the door)? Report it here. This is not an emergency call.',
  contactWhen: 'When was the contact?',
  contactWhenHint: 'Leave empty if it just happened.',
  contactButton: 'Report the contact',
  contactSending: (a, n) => (a === 1 ? 'Sending your report…' : `The network is slow. Trying again (${a} of ${n})…`),
  contactSent: (time) => `Your report was received at ${time}. The police will follow it up.`,
  errors: {
    'unknown-code': 'This protection code is not known. Please check it.',
    throttled: 'Too many wrong codes in a row. Try again later, or call 112.',
    invalid: 'This could not be sent. Please check the code.',
    offline: 'There is no internet connection. Call 112.',
    failed: 'Sending did not work. Call 112.',
  },
  call112: 'Call 112',
  tryAgain: 'Try again',
  back: 'Back to the start',
  duressTitle: 'Silent alarm code (if you want one)',
  duressIntro:
    'Have to open the app while someone watches? In the installed app’s notes, type your silent alarm code and press Enter. You just see the notes, and the police get an alarm, silently.',
  duressLabel: 'Silent alarm code',
  duressHint: '6 to 8 digits, not your PIN. Only the police server keeps a scrambled form of it; nothing on this device.',
  duressSave: 'Save code',
  duressRemove: 'Remove code',
  duressSaved: 'Your silent alarm code is saved.',
  duressRemoved: 'Your silent alarm code is removed.',
  duressInvalid: 'Use 6 to 8 digits.',
  duressTaken: 'Choose another code.',
};

const ar: ProtectionTexts = {
  title: 'الحماية',
  intro: 'باستخدام رمز الحماية الذي أعطتك إياه الشرطة، يمكنك هنا إطلاق إنذار، أو الإبلاغ بأن الشخص المشمول بأمر منع الاتصال حاول التواصل معك.',
  codeLabel: 'رمز الحماية',
  noCode:
    'ليس لديك رمز أو نسيته؟ اتصل بالرقم 101 أو بجهة اتصالك في الشرطة واطلب رمز حماية جديدًا. عندها يتوقف الرمز القديم عن العمل. الخروج السريع يمحو الرمز المحفوظ.',
  codeHint: 'اثنا عشر حرفًا، مثلًا ABCD-EFGH-JKMN. لا يهم استخدام الأحرف الكبيرة أو الشرطات.',
  codeMissing: 'أدخل رمز الحماية أولًا.',
  rememberLabel: 'حفظ الرمز على هذا الجهاز',
  rememberHint: 'فقط إذا لم يكن أحد غيرك يستخدم هذا الجهاز. الخروج السريع يمحو الرمز.',
  panicTitle: 'الإنذار',
  panicIntro: 'هل أنت في خطر؟ يصل الإنذار إلى الشرطة فورًا. اتصل أيضًا بالرقم 112 إن استطعت.',
  panicButton: 'إطلاق الإنذار',
  shareLocation: 'إرسال موقعي (سيطلب جهازك الإذن)',
  confirmTitle: 'هل تريد إرسال الإنذار إلى الشرطة الآن؟',
  confirmText: 'اضغط على «نعم، أرسل الإنذار». إذا كان ذلك عن طريق الخطأ، اضغط على «لا».',
  confirmYes: 'نعم، أرسل الإنذار',
  confirmNo: 'لا، لا ترسل',
  locating: 'جارٍ تحديد الموقع…',
  sending: (a, n) => (a === 1 ? 'جارٍ إرسال الإنذار…' : `الشبكة بطيئة. محاولة جديدة (${a} من ${n})…`),
  received: (time) => `استُلم الإنذار في الساعة ${time}.`,
  forwarding: 'يجري تحويل الإنذار إلى الشرطة…',
  forwarded: (time) => `حُوِّل إلى الشرطة في الساعة ${time}.`,
  notSeen: 'لم يطّلع عليه أي شرطي بعد.',
  seen: (time) => `اطّلع عليه شرطي في الساعة ${time}.`,
  sentHint: 'ابقَ في مكان آمن إن أمكن. اتصل بالرقم 112 إذا كنت تستطيع الكلام.',
  contactTitle: 'الإبلاغ عن اتصال',
  contactIntro: 'هل حاول الشخص المشمول بأمر منع الاتصال التواصل معك (رسالة، هاتف، عند الباب)؟ أبلغ عن ذلك هنا. هذا ليس اتصال طوارئ.',
  contactWhen: 'متى حدث الاتصال؟',
  contactWhenHint: 'اتركه فارغًا إذا حدث للتو.',
  contactButton: 'الإبلاغ عن الاتصال',
  contactSending: (a, n) => (a === 1 ? 'جارٍ إرسال البلاغ…' : `الشبكة بطيئة. محاولة جديدة (${a} من ${n})…`),
  contactSent: (time) => `وصل بلاغك في الساعة ${time}. ستتابعه الشرطة.`,
  errors: {
    'unknown-code': 'رمز الحماية هذا غير معروف. يُرجى التحقق منه.',
    throttled: 'رموز خاطئة كثيرة متتالية. حاول لاحقًا أو اتصل بالرقم 112.',
    invalid: 'تعذّر الإرسال. يُرجى التحقق من الرمز.',
    offline: 'لا يوجد اتصال بالإنترنت. اتصل بالرقم 112.',
    failed: 'لم ينجح الإرسال. اتصل بالرقم 112.',
  },
  call112: 'اتصل بالرقم 112',
  tryAgain: 'حاول مرة أخرى',
  back: 'العودة إلى البداية',
  duressTitle: 'رمز الإنذار الصامت (إن أردت)',
  duressIntro:
    'هل عليك فتح التطبيق وأحدهم يراقبك؟ في ملاحظات التطبيق المثبّت، اكتب رمز الإنذار الصامت واضغط Enter. سترى الملاحظات فقط، وتتلقى الشرطة إنذارًا بصمت.',
  duressLabel: 'رمز الإنذار الصامت',
  duressHint: 'من 6 إلى 8 أرقام، وليس رقمك السري. خادم الشرطة وحده يحتفظ بصيغة مشفّرة منه؛ لا شيء على هذا الجهاز.',
  duressSave: 'حفظ الرمز',
  duressRemove: 'حذف الرمز',
  duressSaved: 'تم حفظ رمز الإنذار الصامت.',
  duressRemoved: 'تم حذف رمز الإنذار الصامت.',
  duressInvalid: 'استخدم من 6 إلى 8 أرقام.',
  duressTaken: 'اختر رمزًا آخر.',
};

export const texts: Record<Lang, ProtectionTexts> = { nl, fr, en, ar };
