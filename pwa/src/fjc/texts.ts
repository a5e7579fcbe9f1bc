import type { Lang } from '../i18n/lang.js';

/**
 * The "who knows about me" screen's texts in the app's four languages (kept next to the screen). Every
 * text here awaits a native speaker's review (nl, fr, en, ar).
 */
export type ConsentKindText = 'contact' | 'risk' | 'children' | 'orders' | 'notes';

export interface FjcTexts {
  title: string;
  intro: string;
  codeLabel: string;
  codeHint: string;
  show: string;
  loading: string;
  none: string;
  mayNothing: string;
  mayLabel: string;
  kinds: Record<ConsentKindText, string>;
  status: { pending: string; accepted: string; declined: string; consulted: string };
  withdraw: (kind: string) => string;
  confirmWithdraw: (kind: string, partner: string) => string;
  yes: string;
  no: string;
  withdrawn: string;
  errors: { 'unknown-code': string; throttled: string; invalid: string; offline: string; failed: string };
  forgetNote: string;
  back: string;
}

const nl: FjcTexts = {
  title: 'Wie weet van mij',
  intro: 'Met de dossiercode die je van je casusregisseur kreeg, zie je welke diensten van het centrum van je weten en wat elk mag zien. Je kunt een toestemming hier intrekken.',
  codeLabel: 'Dossiercode',
  codeHint: 'Twaalf tekens, bijvoorbeeld ABCD-EFGH-JKMN.',
  show: 'Tonen',
  loading: 'Even geduld…',
  none: 'Nog geen enkele dienst weet van je.',
  mayNothing: 'Mag niets over je zien.',
  mayLabel: 'Mag zien:',
  kinds: { contact: 'hoe en wanneer ze je kunnen bereiken', risk: 'hoe groot het gevaar is', children: 'je kinderen', orders: 'maatregelen en afspraken', notes: 'notities over je dossier' },
  status: { pending: 'Kreeg je dossier doorgestuurd', accepted: 'Helpt je', declined: 'Nam je dossier niet aan', consulted: 'Nam deel aan overleg over je' },
  withdraw: (k) => `Toestemming intrekken: ${k}`,
  confirmWithdraw: (k, p) => `${p} mag dan niet meer zien: ${k}. Doorgaan?`,
  yes: 'Ja, intrekken',
  no: 'Nee',
  withdrawn: 'Ingetrokken. De dienst ziet dit vanaf nu niet meer.',
  errors: {
    'unknown-code': 'Deze code kennen we niet. Kijk hem na, of vraag je casusregisseur om een nieuwe.',
    throttled: 'Te veel pogingen. Probeer het over een kwartier opnieuw.',
    invalid: 'Dat lukte niet. Kijk de code na.',
    offline: 'Geen verbinding. Probeer het opnieuw als je online bent.',
    failed: 'Er ging iets mis. Probeer het later opnieuw.',
  },
  forgetNote: 'De code wordt niet op dit toestel bewaard. De snelle uitgang wist alles van dit scherm.',
  back: 'Terug naar het begin',
};

const fr: FjcTexts = {
  title: 'Qui est au courant',
  intro: 'Avec le code de dossier reçu de votre coordinatrice, vous voyez quels services du centre sont au courant de votre situation et ce que chacun peut voir. Vous pouvez retirer un consentement ici.',
  codeLabel: 'Code de dossier',
  codeHint: 'Douze caractères, par exemple ABCD-EFGH-JKMN.',
  show: 'Afficher',
  loading: 'Un instant…',
  none: 'Aucun service n’est encore au courant.',
  mayNothing: 'Ne peut rien voir vous concernant.',
  mayLabel: 'Peut voir :',
  kinds: { contact: 'comment et quand vous joindre', risk: 'le niveau de danger', children: 'vos enfants', orders: 'les mesures et décisions', notes: 'les notes du dossier' },
  status: { pending: 'A reçu votre dossier', accepted: 'Vous accompagne', declined: 'N’a pas accepté votre dossier', consulted: 'A participé à une concertation vous concernant' },
  withdraw: (k) => `Retirer le consentement : ${k}`,
  confirmWithdraw: (k, p) => `${p} ne pourra plus voir : ${k}. Continuer ?`,
  yes: 'Oui, retirer',
  no: 'Non',
  withdrawn: 'Retiré. Le service ne le voit plus à partir de maintenant.',
  errors: {
    'unknown-code': 'Ce code est inconnu. Vérifiez-le, ou demandez-en un nouveau à votre coordinatrice.',
    throttled: 'Trop d’essais. Réessayez dans un quart d’heure.',
    invalid: 'Cela n’a pas fonctionné. Vérifiez le code.',
    offline: 'Pas de connexion. Réessayez une fois en ligne.',
    failed: 'Un problème est survenu. Réessayez plus tard.',
  },
  forgetNote: 'Le code n’est pas conservé sur cet appareil. La sortie rapide efface tout ce qui est sur cet écran.',
  back: 'Retour au début',
};

const en: FjcTexts = {
  title: 'Who knows about me',
  intro: 'With the case code your case director gave you, you can see which services of the centre know about you and what each may see. You can withdraw a consent here.',
  codeLabel: 'Case code',
  codeHint: 'Twelve characters, for example ABCD-EFGH-JKMN.',
  show: 'Show',
  loading: 'One moment…',
  none: 'No service knows about you yet.',
  mayNothing: 'May see nothing about you.',
  mayLabel: 'May see:',
  kinds: { contact: 'how and when to reach you', risk: 'how serious the danger is', children: 'your children', orders: 'orders and measures', notes: 'notes on your case' },
  status: { pending: 'Was sent your case', accepted: 'Is helping you', declined: 'Did not take your case', consulted: 'Took part in a meeting about you' },
  withdraw: (k) => `Withdraw consent: ${k}`,
  confirmWithdraw: (k, p) => `${p} will no longer see: ${k}. Go ahead?`,
  yes: 'Yes, withdraw',
  no: 'No',
  withdrawn: 'Withdrawn. The service no longer sees this from now on.',
  errors: {
    'unknown-code': 'We do not know this code. Check it, or ask your case director for a new one.',
    throttled: 'Too many tries. Try again in a quarter of an hour.',
    invalid: 'That did not work. Check the code.',
    offline: 'No connection. Try again when you are online.',
    failed: 'Something went wrong. Try again later.',
  },
  forgetNote: 'The code is not kept on this device. The quick exit clears everything on this screen.',
  back: 'Back to the start',
};

const ar: FjcTexts = {
  title: 'من يعرف عني',
  intro: 'برمز الملف الذي أعطتك إياه مديرة ملفك، ترين أي خدمات المركز تعرف عنك وما يحق لكل منها أن تراه. يمكنك سحب موافقة من هنا.',
  codeLabel: 'رمز الملف',
  codeHint: 'اثنا عشر حرفًا، مثلًا ABCD-EFGH-JKMN.',
  show: 'عرض',
  loading: 'لحظة من فضلك…',
  none: 'لا تعرف أي خدمة عنك بعد.',
  mayNothing: 'لا يحق لها رؤية أي شيء عنك.',
  mayLabel: 'يحق لها رؤية:',
  kinds: { contact: 'كيف ومتى يمكن التواصل معك', risk: 'مدى الخطر', children: 'أطفالك', orders: 'القرارات والتدابير', notes: 'ملاحظات ملفك' },
  status: { pending: 'أُرسل إليها ملفك', accepted: 'تساعدك', declined: 'لم تقبل ملفك', consulted: 'شاركت في اجتماع بشأنك' },
  withdraw: (k) => `سحب الموافقة: ${k}`,
  confirmWithdraw: (k, p) => `لن تعود ${p} ترى: ${k}. هل تريدين المتابعة؟`,
  yes: 'نعم، اسحبي الموافقة',
  no: 'لا',
  withdrawn: 'تم السحب. لم تعد الخدمة ترى هذا من الآن.',
  errors: {
    'unknown-code': 'لا نعرف هذا الرمز. تحققي منه، أو اطلبي رمزًا جديدًا من مديرة ملفك.',
    throttled: 'محاولات كثيرة جدًا. حاولي مجددًا بعد ربع ساعة.',
    invalid: 'لم ينجح ذلك. تحققي من الرمز.',
    offline: 'لا يوجد اتصال. حاولي مجددًا عندما تكونين متصلة.',
    failed: 'حدث خطأ. حاولي لاحقًا.',
  },
  forgetNote: 'لا يُحفظ الرمز على هذا الجهاز. الخروج السريع يمحو كل ما على هذه الشاشة.',
  back: 'العودة إلى البداية',
};

export const texts: Record<Lang, FjcTexts> = { nl, fr, en, ar };
