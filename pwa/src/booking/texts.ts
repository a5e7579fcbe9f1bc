import type { Lang } from '../i18n/lang.js';

/** The booking screens' texts in the app's four languages (kept next to the screens). Plain words. */
export interface BookingTexts {
  title: string;
  intro: string;
  noTrail: string;
  startNew: string;
  startManage: string;
  chooseService: string;
  servicesUnavailable: string;
  groupSession: (places: number) => string;
  chooseTime: string;
  chooseTimeHint: string;
  noSlots: string;
  moreSlots: string;
  placesLeft: (n: number) => string;
  next: string;
  back: string;
  detailsTitle: string;
  alias: string;
  aliasHint: string;
  language: string;
  interpreter: string;
  childcare: string;
  accessibility: string;
  accessibilityHint: string;
  safeTitle: string;
  safeIntro: string;
  mayContact: string;
  mayContactYes: string;
  mayContactNo: string;
  phone: string;
  phoneHint: string;
  safeFrom: string;
  safeTo: string;
  safeTimesHint: string;
  voicemail: string;
  codeWord: string;
  codeWordHint: string;
  book: string;
  booking: string;
  doneTitle: string;
  reference: string;
  pin: string;
  doneNotice: string;
  doneOnce: string;
  remember: string;
  rememberHint: string;
  viewBooking: string;
  manageTitle: string;
  manageIntro: string;
  manageOpen: string;
  yourBooking: string;
  service: string;
  when: string;
  status: string;
  statuses: Record<'booked' | 'confirmed' | 'cancelled', string>;
  move: string;
  moveTitle: string;
  moveConfirm: string;
  moved: string;
  cancel: string;
  cancelConfirm: string;
  cancelYes: string;
  cancelled: string;
  erase: string;
  eraseConfirm: string;
  eraseYes: string;
  erased: string;
  keepIt: string;
  errors: {
    full: string;
    notFound: string;
    locked: string;
    offline: string;
    retry: string;
    invalid: (field: string) => string;
    aliasMissing: string;
    phoneMissing: string;
    /** The rule, said where the mistake is. */
    phoneRule: string;
    slotMissing: string;
    generic: string;
  };
  fields: Record<string, string>;
}

const nl: BookingTexts = {
  title: 'Een afspraak maken',
  intro: 'Maak een afspraak bij een dienst van het centrum. Je hoeft geen account te maken en je volledige naam niet te geven.',
  noTrail: 'We sturen niets: geen e-mail, geen sms, geen agenda-uitnodiging.',
  startNew: 'Nieuwe afspraak',
  startManage: 'Ik heb al een afspraak',
  chooseService: 'Kies een dienst',
  servicesUnavailable: 'De diensten kunnen nu niet geladen worden. Probeer later opnieuw of bel 1712.',
  groupSession: (n) => `Groepssessie, ${n} plaatsen`,
  chooseTime: 'Kies een moment',
  chooseTimeHint: 'De eerste vrije momenten staan bovenaan. Uren in Belgische tijd.',
  noSlots: 'Er zijn geen vrije momenten in deze periode.',
  moreSlots: 'Latere momenten tonen',
  placesLeft: (n) => (n === 1 ? 'nog 1 plaats' : `nog ${n} plaatsen`),
  next: 'Verder',
  back: 'Terug',
  detailsTitle: 'Wat we moeten weten',
  alias: 'Voornaam of schuilnaam',
  aliasHint: 'Een naam waarmee we je aanspreken. Een verzonnen naam mag.',
  language: 'Taal voor de afspraak',
  interpreter: 'Ik heb een tolk nodig',
  childcare: 'Ik heb opvang voor kinderen nodig',
  accessibility: 'Toegankelijkheid (niet verplicht)',
  accessibilityHint: 'Bijvoorbeeld: rolstoel, gebarentaal, een rustige ruimte.',
  safeTitle: 'Veilig contact',
  safeIntro: 'Het centrum neemt alleen contact op als jij dat veilig vindt.',
  mayContact: 'Mag het centrum je contacteren?',
  mayContactYes: 'Ja, telefonisch',
  mayContactNo: 'Nee, neem geen contact op',
  phone: 'Telefoonnummer',
  phoneHint: 'Bijvoorbeeld 0470 12 34 56: 8 tot 15 cijfers.',
  safeFrom: 'Veilig vanaf',
  safeTo: 'Veilig tot',
  safeTimesHint: 'Wanneer het veilig is om te bellen. Leeg laten: tijdens de openingsuren.',
  voicemail: 'Een bericht inspreken mag',
  codeWord: 'Codewoord (niet verplicht)',
  codeWordHint: 'Een woord dat de beller zegt, zodat je weet dat het veilig is.',
  book: 'Afspraak maken',
  booking: 'Bezig met boeken…',
  doneTitle: 'Je afspraak is gemaakt',
  reference: 'Referentie',
  pin: 'Pincode',
  doneNotice:
    'We sturen niets naar je toe. Schrijf de referentie en de pincode op een veilige plek, of onthoud ze. Je hebt ze nodig om je afspraak te bekijken, te verplaatsen of te annuleren.',
  doneOnce: 'De pincode wordt maar één keer getoond.',
  remember: 'Bewaar referentie en pincode op dit toestel',
  rememberHint: 'Alleen als niemand anders dit toestel gebruikt. Snel weg wist ze.',
  viewBooking: 'Mijn afspraak bekijken',
  manageTitle: 'Mijn afspraak',
  manageIntro: 'Geef je referentie en pincode.',
  manageOpen: 'Afspraak openen',
  yourBooking: 'Je afspraak',
  service: 'Dienst',
  when: 'Wanneer',
  status: 'Status',
  statuses: { booked: 'Geboekt', confirmed: 'Bevestigd door het centrum', cancelled: 'Geannuleerd' },
  move: 'Verplaatsen',
  moveTitle: 'Kies een nieuw moment',
  moveConfirm: 'Naar dit moment verplaatsen',
  moved: 'Je afspraak is verplaatst.',
  cancel: 'Annuleren',
  cancelConfirm: 'Wil je deze afspraak echt annuleren?',
  cancelYes: 'Ja, annuleren',
  cancelled: 'Je afspraak is geannuleerd.',
  erase: 'Alles wissen',
  eraseConfirm: 'Al je gegevens van deze afspraak worden meteen gewist. Dit kan niet ongedaan worden.',
  eraseYes: 'Ja, nu wissen',
  erased: 'Je afspraak en je gegevens zijn gewist.',
  keepIt: 'Nee, terug',
  errors: {
    full: 'Iemand anders heeft dit moment net geboekt. Kies een ander moment.',
    notFound: 'We vinden geen afspraak met deze referentie en pincode.',
    locked: 'Te veel pogingen. Probeer over 15 minuten opnieuw.',
    offline: 'Geen verbinding. Probeer opnieuw; je afspraak wordt niet dubbel gemaakt.',
    retry: 'Opnieuw proberen',
    invalid: (field) => `Controleer: ${field}.`,
    aliasMissing: 'Geef een voornaam of schuilnaam.',
    phoneMissing: 'Geef een telefoonnummer, of kies dat het centrum je niet contacteert.',
    phoneRule: 'Een telefoonnummer heeft 8 tot 15 cijfers, bijvoorbeeld 0470 12 34 56.',
    slotMissing: 'Kies een moment.',
    generic: 'Er ging iets mis. Probeer opnieuw.',
  },
  fields: {
    alias: 'je naam',
    phone: 'het telefoonnummer',
    start: 'het moment',
    codeWord: 'het codewoord',
    accessibility: 'toegankelijkheid',
    windows: 'de veilige uren',
  },
};

const fr: BookingTexts = {
  title: 'Prendre rendez-vous',
  intro: 'Prenez rendez-vous auprès d’un service du centre. Pas besoin de compte ni de votre nom complet.',
  noTrail: 'Nous n’envoyons rien : pas d’e-mail, pas de SMS, pas d’invitation d’agenda.',
  startNew: 'Nouveau rendez-vous',
  startManage: 'J’ai déjà un rendez-vous',
  chooseService: 'Choisissez un service',
  servicesUnavailable: 'Les services ne peuvent pas être chargés. Réessayez plus tard ou appelez le 0800 30 030.',
  groupSession: (n) => `Séance de groupe, ${n} places`,
  chooseTime: 'Choisissez un moment',
  chooseTimeHint: 'Les premiers moments libres sont en haut. Heures de Belgique.',
  noSlots: 'Aucun moment libre dans cette période.',
  moreSlots: 'Afficher des moments plus tard',
  placesLeft: (n) => (n === 1 ? 'encore 1 place' : `encore ${n} places`),
  next: 'Continuer',
  back: 'Retour',
  detailsTitle: 'Ce que nous devons savoir',
  alias: 'Prénom ou pseudonyme',
  aliasHint: 'Le nom que nous utiliserons. Un nom inventé convient.',
  language: 'Langue du rendez-vous',
  interpreter: 'J’ai besoin d’un interprète',
  childcare: 'J’ai besoin d’une garde d’enfants',
  accessibility: 'Accessibilité (facultatif)',
  accessibilityHint: 'Par exemple : fauteuil roulant, langue des signes, une pièce calme.',
  safeTitle: 'Contact en sécurité',
  safeIntro: 'Le centre ne vous contacte que si c’est sûr pour vous.',
  mayContact: 'Le centre peut-il vous contacter ?',
  mayContactYes: 'Oui, par téléphone',
  mayContactNo: 'Non, ne me contactez pas',
  phone: 'Numéro de téléphone',
  phoneHint: 'Par exemple 0470 12 34 56 : 8 à 15 chiffres.',
  safeFrom: 'Sûr à partir de',
  safeTo: 'Sûr jusqu’à',
  safeTimesHint: 'Quand il est sûr d’appeler. Vide : pendant les heures d’ouverture.',
  voicemail: 'Un message vocal est possible',
  codeWord: 'Mot de code (facultatif)',
  codeWordHint: 'Un mot que dira la personne qui appelle, pour que vous sachiez que c’est sûr.',
  book: 'Prendre le rendez-vous',
  booking: 'Réservation en cours…',
  doneTitle: 'Votre rendez-vous est pris',
  reference: 'Référence',
  pin: 'Code PIN',
  doneNotice:
    'Nous ne vous envoyons rien. Notez la référence et le code PIN dans un endroit sûr, ou retenez-les. Ils servent à consulter, déplacer ou annuler votre rendez-vous.',
  doneOnce: 'Le code PIN n’est affiché qu’une seule fois.',
  remember: 'Garder la référence et le code PIN sur cet appareil',
  rememberHint: 'Seulement si personne d’autre n’utilise cet appareil. « Partir vite » les efface.',
  viewBooking: 'Voir mon rendez-vous',
  manageTitle: 'Mon rendez-vous',
  manageIntro: 'Indiquez votre référence et votre code PIN.',
  manageOpen: 'Ouvrir le rendez-vous',
  yourBooking: 'Votre rendez-vous',
  service: 'Service',
  when: 'Quand',
  status: 'Statut',
  statuses: { booked: 'Réservé', confirmed: 'Confirmé par le centre', cancelled: 'Annulé' },
  move: 'Déplacer',
  moveTitle: 'Choisissez un nouveau moment',
  moveConfirm: 'Déplacer à ce moment',
  moved: 'Votre rendez-vous a été déplacé.',
  cancel: 'Annuler',
  cancelConfirm: 'Voulez-vous vraiment annuler ce rendez-vous ?',
  cancelYes: 'Oui, annuler',
  cancelled: 'Votre rendez-vous est annulé.',
  erase: 'Tout effacer',
  eraseConfirm: 'Toutes vos données de ce rendez-vous seront effacées tout de suite. C’est définitif.',
  eraseYes: 'Oui, effacer maintenant',
  erased: 'Votre rendez-vous et vos données sont effacés.',
  keepIt: 'Non, retour',
  errors: {
    full: 'Quelqu’un vient de réserver ce moment. Choisissez-en un autre.',
    notFound: 'Aucun rendez-vous avec cette référence et ce code PIN.',
    locked: 'Trop d’essais. Réessayez dans 15 minutes.',
    offline: 'Pas de connexion. Réessayez ; le rendez-vous ne sera pas pris deux fois.',
    retry: 'Réessayer',
    invalid: (field) => `Vérifiez : ${field}.`,
    aliasMissing: 'Indiquez un prénom ou un pseudonyme.',
    phoneMissing: 'Indiquez un numéro, ou choisissez que le centre ne vous contacte pas.',
    phoneRule: 'Un numéro de téléphone a 8 à 15 chiffres, par exemple 0470 12 34 56.',
    slotMissing: 'Choisissez un moment.',
    generic: 'Un problème est survenu. Réessayez.',
  },
  fields: {
    alias: 'votre nom',
    phone: 'le numéro de téléphone',
    start: 'le moment',
    codeWord: 'le mot de code',
    accessibility: 'l’accessibilité',
    windows: 'les heures sûres',
  },
};

const en: BookingTexts = {
  title: 'Make an appointment',
  intro: 'Book an appointment with one of the centre’s services. No account needed, and no full name.',
  noTrail: 'We send nothing: no e-mail, no text message, no calendar invitation.',
  startNew: 'New appointment',
  startManage: 'I already have an appointment',
  chooseService: 'Choose a service',
  servicesUnavailable: 'The services cannot be loaded now. Try again later or call 1712.',
  groupSession: (n) => `Group session, ${n} places`,
  chooseTime: 'Choose a time',
  chooseTimeHint: 'The first free times are at the top. Times are Belgian time.',
  noSlots: 'There are no free times in this period.',
  moreSlots: 'Show later times',
  placesLeft: (n) => (n === 1 ? '1 place left' : `${n} places left`),
  next: 'Continue',
  back: 'Back',
  detailsTitle: 'What we need to know',
  alias: 'First name or another name',
  aliasHint: 'What we call you. A made-up name is fine.',
  language: 'Language for the appointment',
  interpreter: 'I need an interpreter',
  childcare: 'I need childcare',
  accessibility: 'Accessibility (optional)',
  accessibilityHint: 'For example: wheelchair, sign language, a quiet room.',
  safeTitle: 'Safe contact',
  safeIntro: 'The centre only contacts you if that is safe for you.',
  mayContact: 'May the centre contact you?',
  mayContactYes: 'Yes, by phone',
  mayContactNo: 'No, do not contact me',
  phone: 'Phone number',
  phoneHint: 'For example 0470 12 34 56: 8 to 15 digits.',
  safeFrom: 'Safe from',
  safeTo: 'Safe until',
  safeTimesHint: 'When it is safe to call. Leave empty: during opening hours.',
  voicemail: 'Leaving a voicemail is OK',
  codeWord: 'Code word (optional)',
  codeWordHint: 'A word the caller says, so you know the call is safe.',
  book: 'Book the appointment',
  booking: 'Booking…',
  doneTitle: 'Your appointment is booked',
  reference: 'Reference',
  pin: 'PIN',
  doneNotice:
    'We do not send you anything. Write the reference and the PIN down somewhere safe, or remember them. You need them to see, move or cancel your appointment.',
  doneOnce: 'The PIN is shown only this once.',
  remember: 'Keep the reference and PIN on this device',
  rememberHint: 'Only if nobody else uses this device. Quick exit deletes them.',
  viewBooking: 'See my appointment',
  manageTitle: 'My appointment',
  manageIntro: 'Enter your reference and PIN.',
  manageOpen: 'Open the appointment',
  yourBooking: 'Your appointment',
  service: 'Service',
  when: 'When',
  status: 'Status',
  statuses: { booked: 'Booked', confirmed: 'Confirmed by the centre', cancelled: 'Cancelled' },
  move: 'Move',
  moveTitle: 'Choose a new time',
  moveConfirm: 'Move to this time',
  moved: 'Your appointment has been moved.',
  cancel: 'Cancel',
  cancelConfirm: 'Do you really want to cancel this appointment?',
  cancelYes: 'Yes, cancel',
  cancelled: 'Your appointment is cancelled.',
  erase: 'Erase everything',
  eraseConfirm: 'All your details for this appointment are erased at once. This cannot be undone.',
  eraseYes: 'Yes, erase now',
  erased: 'Your appointment and your details are erased.',
  keepIt: 'No, go back',
  errors: {
    full: 'Someone else just booked this time. Please choose another one.',
    notFound: 'We cannot find an appointment with this reference and PIN.',
    locked: 'Too many tries. Try again in 15 minutes.',
    offline: 'No connection. Try again; the appointment will not be booked twice.',
    retry: 'Try again',
    invalid: (field) => `Please check: ${field}.`,
    aliasMissing: 'Enter a first name or another name.',
    phoneMissing: 'Enter a phone number, or choose that the centre does not contact you.',
    phoneRule: 'A phone number has 8 to 15 digits, for example 0470 12 34 56.',
    slotMissing: 'Choose a time.',
    generic: 'Something went wrong. Please try again.',
  },
  fields: {
    alias: 'your name',
    phone: 'the phone number',
    start: 'the time',
    codeWord: 'the code word',
    accessibility: 'accessibility',
    windows: 'the safe times',
  },
};

const ar: BookingTexts = {
  title: 'حجز موعد',
  intro: 'احجز موعدًا لدى إحدى خدمات المركز. لا تحتاج إلى حساب ولا إلى اسمك الكامل.',
  noTrail: 'لا نرسل أي شيء: لا بريد إلكتروني ولا رسالة نصية ولا دعوة في التقويم.',
  startNew: 'موعد جديد',
  startManage: 'لدي موعد بالفعل',
  chooseService: 'اختر خدمة',
  servicesUnavailable: 'لا يمكن تحميل الخدمات الآن. حاول لاحقًا أو اتصل بـ 1712.',
  groupSession: (n) => `جلسة جماعية، ${n} أماكن`,
  chooseTime: 'اختر وقتًا',
  chooseTimeHint: 'أقرب الأوقات المتاحة في الأعلى. الأوقات بتوقيت بلجيكا.',
  noSlots: 'لا توجد أوقات متاحة في هذه الفترة.',
  moreSlots: 'عرض أوقات لاحقة',
  placesLeft: (n) => (n === 1 ? 'بقي مكان واحد' : `بقي ${n} أماكن`),
  next: 'متابعة',
  back: 'رجوع',
  detailsTitle: 'ما نحتاج إلى معرفته',
  alias: 'الاسم الأول أو اسم مستعار',
  aliasHint: 'الاسم الذي نناديك به. يمكن أن يكون اسمًا مستعارًا.',
  language: 'لغة الموعد',
  interpreter: 'أحتاج إلى مترجم',
  childcare: 'أحتاج إلى رعاية للأطفال',
  accessibility: 'إمكانية الوصول (اختياري)',
  accessibilityHint: 'مثلًا: كرسي متحرك، لغة الإشارة، غرفة هادئة.',
  safeTitle: 'تواصل آمن',
  safeIntro: 'لا يتواصل المركز معك إلا إذا كان ذلك آمنًا لك.',
  mayContact: 'هل يمكن للمركز التواصل معك؟',
  mayContactYes: 'نعم، بالهاتف',
  mayContactNo: 'لا، لا تتواصلوا معي',
  phone: 'رقم الهاتف',
  phoneHint: 'مثلًا 0470 12 34 56: من 8 إلى 15 رقمًا.',
  safeFrom: 'آمن من',
  safeTo: 'آمن حتى',
  safeTimesHint: 'متى يكون الاتصال آمنًا. اتركه فارغًا: خلال ساعات العمل.',
  voicemail: 'يمكن ترك رسالة صوتية',
  codeWord: 'كلمة سر (اختياري)',
  codeWordHint: 'كلمة يقولها المتصل لتعرف أن المكالمة آمنة.',
  book: 'احجز الموعد',
  booking: 'جارٍ الحجز…',
  doneTitle: 'تم حجز موعدك',
  reference: 'المرجع',
  pin: 'الرمز السري',
  doneNotice: 'لن نرسل لك أي شيء. اكتب المرجع والرمز السري في مكان آمن أو احفظهما. تحتاجهما لعرض موعدك أو تغييره أو إلغائه.',
  doneOnce: 'يظهر الرمز السري هذه المرة فقط.',
  remember: 'احفظ المرجع والرمز السري على هذا الجهاز',
  rememberHint: 'فقط إذا لم يستخدم أحد غيرك هذا الجهاز. زر الخروج السريع يحذفهما.',
  viewBooking: 'عرض موعدي',
  manageTitle: 'موعدي',
  manageIntro: 'أدخل المرجع والرمز السري.',
  manageOpen: 'فتح الموعد',
  yourBooking: 'موعدك',
  service: 'الخدمة',
  when: 'متى',
  status: 'الحالة',
  statuses: { booked: 'محجوز', confirmed: 'أكده المركز', cancelled: 'ملغى' },
  move: 'تغيير الوقت',
  moveTitle: 'اختر وقتًا جديدًا',
  moveConfirm: 'النقل إلى هذا الوقت',
  moved: 'تم تغيير وقت موعدك.',
  cancel: 'إلغاء',
  cancelConfirm: 'هل تريد حقًا إلغاء هذا الموعد؟',
  cancelYes: 'نعم، ألغِ الموعد',
  cancelled: 'تم إلغاء موعدك.',
  erase: 'حذف كل شيء',
  eraseConfirm: 'ستُحذف كل بياناتك الخاصة بهذا الموعد فورًا. لا يمكن التراجع عن ذلك.',
  eraseYes: 'نعم، احذف الآن',
  erased: 'تم حذف موعدك وبياناتك.',
  keepIt: 'لا، رجوع',
  errors: {
    full: 'حجز شخص آخر هذا الوقت للتو. اختر وقتًا آخر.',
    notFound: 'لا يوجد موعد بهذا المرجع والرمز السري.',
    locked: 'محاولات كثيرة. حاول مرة أخرى بعد 15 دقيقة.',
    offline: 'لا يوجد اتصال. حاول مرة أخرى؛ لن يُحجز الموعد مرتين.',
    retry: 'حاول مرة أخرى',
    invalid: (field) => `يرجى التحقق من: ${field}.`,
    aliasMissing: 'أدخل اسمًا أول أو اسمًا مستعارًا.',
    phoneMissing: 'أدخل رقم هاتف، أو اختر ألا يتواصل المركز معك.',
    phoneRule: 'رقم الهاتف من 8 إلى 15 رقمًا، مثلًا 0470 12 34 56.',
    slotMissing: 'اختر وقتًا.',
    generic: 'حدث خطأ ما. حاول مرة أخرى.',
  },
  fields: { alias: 'اسمك', phone: 'رقم الهاتف', start: 'الوقت', codeWord: 'كلمة السر', accessibility: 'إمكانية الوصول', windows: 'الأوقات الآمنة' },
};

export const texts: Record<Lang, BookingTexts> = { nl, fr, en, ar };
