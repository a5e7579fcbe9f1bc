import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { contactPointItem, serviceItem } from '../../../functions/catalog/repository.js';
import { newContactPointSchema, newServiceSchema } from '../../../shared/catalog/schemas.js';
import type { ContactPoint, Localized, OpeningRule, Service } from '../../../shared/catalog/types.js';
import { DEMO_ZONE } from '../../../shared/identity.js';
import type { SeedContext } from '../seed.js';
import { demoClosures } from './holidays.js';

/**
 * Local demo data (infra/local/seed.ts; never deployed): Zone Ruppel's FJC services (Boom, Niel, Rumst,
 * Schelle, Hemiksem, Aartselaar) and contact points. Everything local is DEMO data (`demo: true`):
 * partner names are plausible, addresses and local numbers are invented (`000` numbers). The national
 * lines (112, 101, 1712, 0800 30 030, 1813, 102, DrugLijn, VDAB) are the real public numbers.
 * Every entry is parsed with the catalogue's own schemas (as a coordinator's POST would be), so demo
 * data the API would refuse fails at load. One item per PutCommand: the seed's client makes each Put
 * conditional, so nothing is overwritten.
 */
const FJC = { label: 'FJC Ruppel (demo)', address: 'Demo-adres 1, 2850 Boom' };
const weekdays = (days: number[], start: string, end: string): OpeningRule[] => days.map((weekday) => ({ weekday, start, end }));
/** Public holidays of this year and the next, computed (Easter and all), so the demo never runs out of them. */
const HOLIDAYS = demoClosures(new Date().getUTCFullYear());
/** A text in Dutch, French, English and Arabic; a name also in German and Turkish (awaiting a native speaker's review). */
const L = (nl: string, fr: string, en: string, ar: string, more: { de: string; tr: string } | Record<string, never> = {}): Localized => ({
  nl,
  fr,
  en,
  ar,
  ...more,
});

type Base = Omit<
  Service,
  | 'id'
  | 'name'
  | 'description'
  | 'forWhom'
  | 'partnerId'
  | 'partner'
  | 'openingRules'
  | 'slotMinutes'
  | 'bufferMinutes'
  | 'capacity'
  | 'leadHours'
  | 'horizonDays'
>;
const base: Base = { zone: DEMO_ZONE, location: FJC, languages: ['nl', 'fr', 'en', 'ar'], closures: HOLIDAYS, bookable: true, demo: true, confidential: false };

/** A one-to-one appointment: a quarter-hour between two, booked at least a day ahead and up to six weeks out. */
const oneToOne = (slotMinutes: number) => ({ slotMinutes, bufferMinutes: 15, capacity: 1, leadHours: 24, horizonDays: 42 });

const services: Service[] = [
  {
    ...base,
    id: 'legal-advice',
    name: L('Juridisch advies', 'Conseil juridique', 'Legal advice', 'استشارة قانونية', { de: 'Rechtsberatung', tr: 'Hukuki danışmanlık' }),
    description: L(
      'Een advocaat legt uit wat je rechten zijn: klacht, contactverbod, scheiding, kinderen, verblijf. Gratis eerste gesprek.',
      'Un avocat vous explique vos droits : plainte, interdiction de contact, séparation, enfants, séjour. Premier entretien gratuit.',
      'A lawyer explains your rights: complaints, restraining orders, separation, children, residence. The first talk is free.',
      'يشرح لك محامٍ حقوقك: الشكوى، أمر الحماية، الانفصال، الأطفال، الإقامة. الجلسة الأولى مجانية.',
    ),
    forWhom: L(
      'Iedereen die geweld in het gezin meemaakt of meemaakte.',
      'Toute personne qui vit ou a vécu des violences dans la famille.',
      'Anyone who lives or lived with violence at home.',
      'كل من يعيش أو عاش عنفًا في الأسرة.',
    ),
    partnerId: 'cjb-antwerpen',
    partner: 'Commissie voor Juridische Bijstand Antwerpen',
    openingRules: [...weekdays([2], '13:00', '17:00'), ...weekdays([4], '09:00', '12:00')],
    ...oneToOne(45),
  },
  {
    ...base,
    id: 'medical-examination',
    name: L('Medisch onderzoek', 'Examen médical', 'Medical examination', 'فحص طبي', { de: 'Ärztliche Untersuchung', tr: 'Tıbbi muayene' }),
    description: L(
      'Een arts verzorgt letsels en beschrijft ze in een attest dat je later kan gebruiken. Bij seksueel geweld: bel het Zorgcentrum, dag en nacht.',
      'Un médecin soigne les blessures et les décrit dans un certificat utilisable plus tard. Violences sexuelles : appelez le centre de prise en charge, jour et nuit.',
      'A doctor treats injuries and records them in a certificate you can use later. After sexual violence: call the sexual assault centre, day and night.',
      'يعالج طبيب الإصابات ويصفها في شهادة يمكنك استخدامها لاحقًا. في حالة العنف الجنسي: اتصل بمركز الرعاية ليلًا ونهارًا.',
    ),
    forWhom: L(
      'Volwassenen en jongeren vanaf 16 jaar.',
      'Adultes et jeunes à partir de 16 ans.',
      'Adults and young people from 16.',
      'البالغون والشباب من 16 سنة.',
    ),
    partnerId: 'az-rivierenland',
    partner: 'AZ Rivierenland — forensische consultatie',
    openingRules: weekdays([1, 2, 3, 4, 5], '09:00', '12:00'),
    slotMinutes: 30,
    bufferMinutes: 15,
    capacity: 1,
    leadHours: 2,
    horizonDays: 14,
  },
  {
    ...base,
    id: 'counselling',
    name: L('Psychologische begeleiding', 'Accompagnement psychologique', 'Counselling', 'دعم نفسي', {
      de: 'Psychologische Begleitung',
      tr: 'Psikolojik destek',
    }),
    description: L(
      'Gesprekken met een hulpverlener over wat er gebeurd is, over veiligheid en over wat je nu nodig hebt.',
      'Des entretiens avec un intervenant sur ce qui s’est passé, la sécurité et ce dont vous avez besoin.',
      'Talks with a counsellor about what happened, about safety and about what you need now.',
      'جلسات مع مختص حول ما حدث وحول السلامة وما تحتاجه الآن.',
    ),
    forWhom: L(
      'Iedereen, ongeacht gender of geaardheid.',
      'Tout le monde, quels que soient le genre ou l’orientation.',
      'Everyone, whatever their gender or orientation.',
      'الجميع، بغض النظر عن الجنس أو التوجه.',
    ),
    partnerId: 'caw-bml',
    partner: 'CAW Boom Mechelen Lier',
    openingRules: [...weekdays([1, 3], '09:00', '17:00'), ...weekdays([5], '09:00', '12:00')],
    ...oneToOne(60),
  },
  {
    ...base,
    id: 'shelter-intake',
    name: L('Intake opvang', 'Entretien d’accueil (hébergement)', 'Shelter intake', 'مقابلة الإيواء', {
      de: 'Aufnahmegespräch Frauenhaus',
      tr: 'Sığınma evi ön görüşmesi',
    }),
    description: L(
      'Een gesprek om te bekijken of en waar je veilig kan verblijven, met of zonder kinderen. In nood: bel 112 of de opvang, dag en nacht.',
      'Un entretien pour voir si et où vous pouvez loger en sécurité, avec ou sans enfants. En urgence : 112 ou l’hébergement, jour et nuit.',
      'A talk to see whether and where you can stay safely, with or without children. In an emergency: call 112 or the shelter, day and night.',
      'مقابلة لمعرفة ما إذا كان بإمكانك الإقامة بأمان وأين، مع أطفالك أو بدونهم. في حالة الطوارئ: اتصل بـ 112 أو بالملجأ ليلًا ونهارًا.',
    ),
    forWhom: L('Volwassenen met of zonder kinderen.', 'Adultes avec ou sans enfants.', 'Adults with or without children.', 'البالغون مع أطفال أو بدونهم.'),
    partnerId: 'caw-bml-shelter',
    partner: 'CAW Boom Mechelen Lier — vluchthuis',
    openingRules: weekdays([1, 2, 3, 4, 5], '10:00', '16:00'),
    slotMinutes: 60,
    bufferMinutes: 30,
    capacity: 1,
    leadHours: 2,
    horizonDays: 14,
  },
  {
    ...base,
    id: 'social-welfare',
    name: L('Onthaal CAW', 'Accueil CAW', 'Social welfare (CAW)', 'الاستقبال الاجتماعي (CAW)', {
      de: 'Sozialer Empfang (CAW)',
      tr: 'Sosyal yardım kabulü (CAW)',
    }),
    description: L(
      'Voor alle vragen: geld, papieren, relaties, veiligheid. Samen zoeken we wie je verder helpt.',
      'Pour toutes les questions : argent, papiers, relations, sécurité. Ensemble, nous cherchons qui peut vous aider.',
      'For any question: money, papers, relationships, safety. Together we find who can help you further.',
      'لكل الأسئلة: المال، الأوراق، العلاقات، السلامة. نبحث معًا عمن يساعدك.',
    ),
    forWhom: L('Iedereen.', 'Tout le monde.', 'Everyone.', 'الجميع.'),
    partnerId: 'caw-bml',
    partner: 'CAW Boom Mechelen Lier',
    openingRules: [...weekdays([1, 2, 3, 4, 5], '09:00', '12:00'), ...weekdays([3], '13:00', '19:00')],
    slotMinutes: 30,
    bufferMinutes: 10,
    capacity: 1,
    leadHours: 4,
    horizonDays: 28,
  },
  {
    ...base,
    id: 'housing',
    name: L('Woonadvies', 'Conseil logement', 'Housing advice', 'استشارة السكن', { de: 'Wohnberatung', tr: 'Konut danışmanlığı' }),
    description: L(
      'Hulp bij een andere woning, huurpremie, sociale woning of dringende huisvesting.',
      'Aide pour un autre logement, prime au loyer, logement social ou hébergement urgent.',
      'Help with another home, rent allowance, social housing or urgent housing.',
      'مساعدة في إيجاد سكن آخر أو منحة الإيجار أو سكن اجتماعي أو سكن عاجل.',
    ),
    forWhom: L(
      'Inwoners van Boom, Niel, Rumst, Schelle, Hemiksem en Aartselaar.',
      'Habitants de Boom, Niel, Rumst, Schelle, Hemiksem et Aartselaar.',
      'Residents of Boom, Niel, Rumst, Schelle, Hemiksem and Aartselaar.',
      'سكان بوم ونيل ورومست وسخيله وهميكسم وآرتسيلار.',
    ),
    partnerId: 'sociaal-huis-boom',
    partner: 'Sociaal Huis Boom (OCMW)',
    openingRules: weekdays([2, 4], '09:00', '12:00'),
    ...oneToOne(45),
  },
  {
    ...base,
    id: 'youth-care',
    name: L('Jeugdhulp', 'Aide à la jeunesse', 'Youth care', 'رعاية الشباب', { de: 'Jugendhilfe', tr: 'Gençlik yardımı' }),
    description: L(
      'Voor kinderen en jongeren die thuis geweld zien of meemaken, en voor ouders die zich zorgen maken.',
      'Pour les enfants et les jeunes qui voient ou subissent des violences à la maison, et pour les parents inquiets.',
      'For children and young people who see or live with violence at home, and for worried parents.',
      'للأطفال والشباب الذين يشهدون العنف في المنزل أو يعانون منه، وللآباء القلقين.',
    ),
    forWhom: L(
      'Kinderen, jongeren tot 25 jaar en hun ouders.',
      'Enfants, jeunes jusqu’à 25 ans et leurs parents.',
      'Children, young people up to 25 and their parents.',
      'الأطفال والشباب حتى 25 سنة وأولياؤهم.',
    ),
    partnerId: 'vk-antwerpen',
    partner: 'Vertrouwenscentrum Kindermishandeling Antwerpen',
    openingRules: [...weekdays([3], '13:00', '17:00'), ...weekdays([6], '10:00', '12:00')],
    ...oneToOne(60),
  },
  {
    ...base,
    id: 'peer-group',
    name: L('Praatgroep', 'Groupe de parole', 'Peer support group', 'مجموعة دعم الأقران', { de: 'Gesprächsgruppe', tr: 'Destek grubu' }),
    description: L(
      'Een kleine groep mensen die hetzelfde meemaakten, met een begeleider. Je vertelt alleen wat je wil. Deelnemers zien elkaars gegevens niet.',
      'Un petit groupe de personnes ayant vécu la même chose, avec un animateur. Vous ne dites que ce que vous voulez. Les participants ne voient pas les données des autres.',
      'A small group of people who went through the same, with a facilitator. You only share what you want. Participants never see each other’s details.',
      'مجموعة صغيرة من أشخاص مرّوا بالتجربة نفسها، مع مرشد. تشارك فقط ما تريد. لا يرى المشاركون بيانات بعضهم.',
    ),
    forWhom: L('Volwassenen.', 'Adultes.', 'Adults.', 'البالغون.'),
    partnerId: 'caw-bml',
    partner: 'CAW Boom Mechelen Lier',
    openingRules: weekdays([4], '19:00', '21:00'),
    slotMinutes: 120,
    bufferMinutes: 0,
    capacity: 8,
    leadHours: 2,
    horizonDays: 56,
    languages: ['nl', 'en'],
  },
  {
    ...base,
    id: 'self-defence-course',
    name: L('Weerbaarheidstraining', 'Cours d’autodéfense', 'Self-defence course', 'دورة الدفاع عن النفس', {
      de: 'Selbstverteidigungskurs',
      tr: 'Öz savunma kursu',
    }),
    description: L(
      'Een groepstraining: grenzen aangeven, je stem gebruiken, jezelf in veiligheid brengen. Geen ervaring of conditie nodig.',
      'Un cours en groupe : poser ses limites, utiliser sa voix, se mettre en sécurité. Aucune expérience ni condition physique requise.',
      'A group course: setting boundaries, using your voice, getting yourself to safety. No experience or fitness needed.',
      'تدريب جماعي: وضع الحدود، استخدام صوتك، الوصول إلى الأمان. لا تحتاج إلى خبرة أو لياقة.',
    ),
    forWhom: L(
      'Volwassenen en jongeren vanaf 16 jaar.',
      'Adultes et jeunes à partir de 16 ans.',
      'Adults and young people from 16.',
      'البالغون والشباب من 16 سنة.',
    ),
    partnerId: 'sportdienst-boom',
    partner: 'Sportdienst Boom met Politiezone Ruppel',
    location: { label: 'Sporthal Boom (demo)', address: 'Demo-adres 2, 2850 Boom' },
    openingRules: weekdays([6], '10:00', '12:30'),
    slotMinutes: 150,
    bufferMinutes: 0,
    capacity: 12,
    leadHours: 24,
    horizonDays: 56,
    languages: ['nl', 'fr', 'en'],
  },
  {
    ...base,
    id: 'migrant-services',
    name: L('Hulp voor nieuwkomers', 'Aide aux nouveaux arrivants', 'Migrant services', 'خدمات للمهاجرين', {
      de: 'Hilfe für Neuankömmlinge',
      tr: 'Yeni gelenlere yardım',
    }),
    description: L(
      'Vragen over verblijf, papieren, taal en inburgering, ook als je verblijf afhangt van je partner. Met tolk als je dat wil.',
      'Questions sur le séjour, les papiers, la langue et l’intégration, aussi si votre séjour dépend de votre partenaire. Avec interprète si vous le souhaitez.',
      'Questions about residence, papers, language and integration, also if your residence depends on your partner. With an interpreter if you like.',
      'أسئلة حول الإقامة والأوراق واللغة والاندماج، حتى إذا كانت إقامتك مرتبطة بشريكك. مع مترجم إذا رغبت.',
    ),
    forWhom: L(
      'Nieuwkomers en mensen zonder verblijfspapieren.',
      'Nouveaux arrivants et personnes sans titre de séjour.',
      'Newcomers and people without residence papers.',
      'الوافدون الجدد والأشخاص بدون أوراق إقامة.',
    ),
    partnerId: 'agii',
    partner: 'Agentschap Integratie en Inburgering',
    openingRules: weekdays([1, 4], '13:00', '16:00'),
    ...oneToOne(45),
    languages: ['nl', 'fr', 'en', 'ar', 'tr', 'ru', 'uk', 'fa'],
  },
];

type CP = Omit<ContactPoint, 'openingRules' | 'free' | 'anonymous' | 'emergencyLine' | 'demo' | 'languages' | 'confidential'> & Partial<ContactPoint>;
/** `confidential` is left to the schema: a shelter is confidential by its kind. */
const cp = (c: CP): Omit<ContactPoint, 'confidential'> => ({
  openingRules: [],
  free: false,
  anonymous: false,
  emergencyLine: false,
  demo: true,
  languages: ['nl', 'fr', 'en'],
  ...c,
});
const officeHours = weekdays([1, 2, 3, 4, 5], '09:00', '17:00');

const contactPoints: Omit<ContactPoint, 'confidential'>[] = [
  cp({
    id: 'emergency-112',
    kind: 'emergency',
    name: L('112 — noodnummer', '112 — numéro d’urgence', '112 — emergency', '112 — رقم الطوارئ', { de: '112 — Notruf', tr: '112 — acil çağrı' }),
    description: L(
      'Ambulance, brandweer of politie bij direct gevaar.',
      'Ambulance, pompiers ou police en cas de danger immédiat.',
      'Ambulance, fire brigade or police when you are in danger now.',
      'الإسعاف أو الإطفاء أو الشرطة عند وجود خطر مباشر.',
    ),
    phone: '112',
    alwaysOpen: true,
    free: true,
    emergencyLine: true,
    order: 1,
    demo: false,
    languages: ['nl', 'fr', 'en', 'de'],
  }),
  cp({
    id: 'police-101',
    kind: 'police',
    name: L('101 — politie', '101 — police', '101 — police', '101 — الشرطة', { de: '101 — Polizei', tr: '101 — polis' }),
    description: L('Politie, dringend.', 'Police, urgent.', 'Police, urgent.', 'الشرطة، حالة عاجلة.'),
    phone: '101',
    alwaysOpen: true,
    free: true,
    emergencyLine: true,
    order: 2,
    demo: false,
  }),
  cp({
    id: 'helpline-1712',
    kind: 'helpline',
    name: L('1712 — hulplijn geweld', '1712 — ligne d’aide violence (Flandre)', '1712 — violence helpline (Flanders)', '1712 — خط المساعدة ضد العنف', {
      de: '1712 — Hilfetelefon Gewalt (Flandern)',
      tr: '1712 — şiddet yardım hattı (Flandre)',
    }),
    description: L(
      'Voor vragen over geweld, misbruik en kindermishandeling. Gratis en anoniem. Geen noodnummer.',
      'Pour toute question sur la violence, les abus et la maltraitance d’enfants. Gratuit et anonyme. Pas un numéro d’urgence.',
      'For questions about violence, abuse and child abuse. Free and anonymous. Not an emergency line.',
      'لأسئلة حول العنف والإساءة وإساءة معاملة الأطفال. مجاني ومجهول الهوية. ليس رقم طوارئ.',
    ),
    phone: '1712',
    alwaysOpen: false,
    openingRules: officeHours,
    free: true,
    anonymous: true,
    order: 3,
    demo: false,
    languages: ['nl'],
  }),
  cp({
    id: 'ecoute-violences-conjugales',
    kind: 'helpline',
    name: L('Écoute Violences Conjugales', 'Écoute Violences Conjugales', 'Écoute Violences Conjugales (domestic violence line)', 'خط الاستماع للعنف الزوجي', {
      de: 'Écoute Violences Conjugales (Hilfetelefon häusliche Gewalt)',
      tr: 'Écoute Violences Conjugales (aile içi şiddet hattı)',
    }),
    description: L(
      'Gratis Franstalige hulplijn voor partnergeweld, dag en nacht.',
      'Ligne d’écoute gratuite sur les violences conjugales, 24 h/24, 7 j/7.',
      'Free French-language line for partner violence, day and night.',
      'خط مجاني باللغة الفرنسية للعنف بين الشريكين، ليلًا ونهارًا.',
    ),
    phone: '0800 30 030',
    alwaysOpen: true,
    free: true,
    anonymous: true,
    order: 4,
    demo: false,
    languages: ['fr'],
  }),
  cp({
    id: 'police-victim-support',
    kind: 'victim-support',
    name: L('Politie Ruppel — slachtofferbejegening', 'Police Ruppel — assistance aux victimes', 'Ruppel police — victim support', 'شرطة روبل — دعم الضحايا', {
      de: 'Polizei Ruppel — Opferbetreuung',
      tr: 'Ruppel polisi — mağdur desteği',
    }),
    description: L(
      'Steun en uitleg na een klacht, ook over je veiligheid.',
      'Soutien et explications après une plainte, y compris sur votre sécurité.',
      'Support and explanations after a complaint, also about your safety.',
      'الدعم والشرح بعد تقديم شكوى، بما في ذلك سلامتك.',
    ),
    phone: '+32 3 000 00 01',
    address: 'Demo-adres 3, 2850 Boom',
    alwaysOpen: false,
    openingRules: officeHours,
    order: 10,
  }),
  cp({
    id: 'prosecutor-victim-reception',
    kind: 'victim-support',
    name: L(
      'Justitiehuis — slachtofferonthaal',
      'Maison de justice — accueil des victimes',
      'House of Justice — victim reception',
      'دار العدالة — استقبال الضحايا',
      { de: 'Justizhaus — Opferempfang', tr: 'Adalet Evi — mağdur kabulü' },
    ),
    description: L(
      'Informatie over je dossier bij het parket en hulp bij het proces.',
      'Informations sur votre dossier au parquet et aide pendant la procédure.',
      'Information about your file at the prosecutor’s office and help during the proceedings.',
      'معلومات عن ملفك لدى النيابة ومساعدة خلال الإجراءات.',
    ),
    phone: '+32 3 000 00 02',
    alwaysOpen: false,
    openingRules: officeHours,
    order: 11,
  }),
  cp({
    id: 'caw',
    kind: 'social-welfare',
    name: L('CAW Boom Mechelen Lier', 'CAW Boom Mechelen Lier', 'CAW Boom Mechelen Lier (social welfare)', 'CAW بوم ميخلن لير (الرعاية الاجتماعية)', {
      de: 'CAW Boom Mechelen Lier (Sozialhilfe)',
      tr: 'CAW Boom Mechelen Lier (sosyal yardım)',
    }),
    description: L(
      'Onthaal voor alle vragen, begeleiding bij partnergeweld, ook voor wie geweld pleegt.',
      'Accueil pour toutes les questions, accompagnement en cas de violence conjugale, aussi pour les auteurs.',
      'Welcome desk for any question, support with partner violence, also for people who use violence.',
      'استقبال لكل الأسئلة، ومرافقة في حالات العنف بين الشريكين، وأيضًا لمن يمارس العنف.',
    ),
    phone: '+32 3 000 00 03',
    address: 'Demo-adres 4, 2850 Boom',
    alwaysOpen: false,
    openingRules: [...officeHours, { weekday: 3, start: '17:00', end: '19:00' }],
    free: true,
    order: 12,
  }),
  cp({
    id: 'shelter',
    kind: 'shelter',
    name: L('Vluchthuis (opvang)', 'Maison d’accueil', 'Shelter', 'ملجأ', { de: 'Frauenhaus', tr: 'Sığınma evi' }),
    description: L(
      'Veilige opvang voor volwassenen met of zonder kinderen. Bel dag en nacht; het adres blijft geheim.',
      'Hébergement sûr pour adultes avec ou sans enfants. Appelez jour et nuit ; l’adresse reste secrète.',
      'Safe shelter for adults with or without children. Call day and night; the address stays secret.',
      'إيواء آمن للبالغين مع أطفال أو بدونهم. اتصل ليلًا ونهارًا؛ يبقى العنوان سريًا.',
    ),
    phone: '+32 3 000 00 04',
    alwaysOpen: true,
    order: 13,
  }),
  cp({
    id: 'sexual-assault-centre',
    kind: 'sexual-violence',
    name: L(
      'Zorgcentrum na Seksueel Geweld Antwerpen',
      'Centre de prise en charge des violences sexuelles Anvers',
      'Sexual Assault Care Centre Antwerp',
      'مركز رعاية ضحايا العنف الجنسي أنتويرب',
      { de: 'Zentrum für Opfer sexueller Gewalt Antwerpen', tr: 'Anvers Cinsel Şiddet Bakım Merkezi' },
    ),
    description: L(
      'Medische zorg, sporenonderzoek en psychologische hulp na seksueel geweld, dag en nacht, met of zonder klacht.',
      'Soins médicaux, examen médico-légal et aide psychologique après des violences sexuelles, jour et nuit, avec ou sans plainte.',
      'Medical care, forensic examination and psychological help after sexual violence, day and night, with or without a complaint.',
      'رعاية طبية وفحص جنائي ودعم نفسي بعد العنف الجنسي، ليلًا ونهارًا، مع شكوى أو بدونها.',
    ),
    phone: '+32 3 000 00 05',
    alwaysOpen: true,
    order: 14,
  }),
  cp({
    id: 'child-abuse',
    kind: 'child-abuse',
    name: L(
      'Vertrouwenscentrum Kindermishandeling',
      'Centre de confiance maltraitance d’enfants',
      'Child Abuse Confidence Centre',
      'مركز الثقة لإساءة معاملة الأطفال',
      { de: 'Vertrauenszentrum Kindesmisshandlung', tr: 'Çocuk İstismarı Güven Merkezi' },
    ),
    description: L(
      'Voor zorgen over een kind of jongere; ook via 1712.',
      'Pour toute inquiétude au sujet d’un enfant ou d’un jeune ; aussi via le 1712.',
      'When you worry about a child or young person; also through 1712.',
      'عند القلق بشأن طفل أو شاب؛ أيضًا عبر 1712.',
    ),
    phone: '+32 3 000 00 06',
    alwaysOpen: false,
    openingRules: officeHours,
    order: 15,
  }),
  cp({
    id: 'youth-awel',
    kind: 'youth',
    name: L('Awel — 102', 'Awel — 102 (jeunes, néerlandophone)', 'Awel — 102 (young people)', 'Awel — 102 (للشباب)', {
      de: 'Awel — 102 (für Jugendliche, niederländischsprachig)',
      tr: 'Awel — 102 (gençler için, Felemenkçe)',
    }),
    description: L(
      'Voor kinderen en jongeren die met iemand willen praten. Gratis en anoniem.',
      'Pour les enfants et les jeunes qui veulent parler à quelqu’un. Gratuit et anonyme.',
      'For children and young people who want to talk to someone. Free and anonymous.',
      'للأطفال والشباب الذين يريدون التحدث مع شخص ما. مجاني ومجهول الهوية.',
    ),
    phone: '102',
    alwaysOpen: false,
    openingRules: weekdays([1, 2, 3, 4, 5, 6], '16:00', '22:00'),
    free: true,
    anonymous: true,
    order: 16,
    demo: false,
    languages: ['nl'],
  }),
  cp({
    id: 'legal-aid',
    kind: 'legal',
    name: L('Juridische eerstelijnsbijstand', 'Aide juridique de première ligne', 'First-line legal aid', 'المساعدة القانونية الأولية', {
      de: 'Juristische Erstberatung',
      tr: 'Ücretsiz ilk hukuki yardım',
    }),
    description: L(
      'Gratis eerste juridisch advies door een advocaat.',
      'Premier avis juridique gratuit par un avocat.',
      'Free first legal advice from a lawyer.',
      'استشارة قانونية أولى مجانية من محامٍ.',
    ),
    phone: '+32 3 000 00 07',
    alwaysOpen: false,
    openingRules: weekdays([2, 4], '09:00', '12:00'),
    free: true,
    order: 20,
  }),
  cp({
    id: 'housing-boom',
    kind: 'housing',
    name: L('Sociaal Huis Boom — wonen', 'Maison sociale de Boom — logement', 'Boom social services — housing', 'البيت الاجتماعي في بوم — السكن', {
      de: 'Sozialhaus Boom — Wohnen',
      tr: 'Boom Sosyal Evi — konut',
    }),
    description: L(
      'Dringende huisvesting, sociale woningen, huurpremie.',
      'Logement urgent, logements sociaux, prime au loyer.',
      'Urgent housing, social housing, rent allowance.',
      'سكن عاجل، سكن اجتماعي، منحة الإيجار.',
    ),
    phone: '+32 3 000 00 08',
    address: 'Demo-adres 5, 2850 Boom',
    alwaysOpen: false,
    openingRules: officeHours,
    order: 21,
  }),
  cp({
    id: 'mental-health-1813',
    kind: 'mental-health',
    name: L('Zelfmoordlijn 1813', 'Ligne de prévention du suicide 1813 (néerlandophone)', 'Suicide line 1813', 'خط منع الانتحار 1813', {
      de: 'Suizidpräventionslinie 1813 (niederländischsprachig)',
      tr: 'İntiharı önleme hattı 1813 (Felemenkçe)',
    }),
    description: L(
      'Als je aan zelfmoord denkt of je zorgen maakt om iemand. Gratis, anoniem, dag en nacht.',
      'Si vous pensez au suicide ou vous inquiétez pour quelqu’un. Gratuit, anonyme, jour et nuit.',
      'If you think about suicide or worry about someone. Free, anonymous, day and night.',
      'إذا كنت تفكر في الانتحار أو تقلق على شخص ما. مجاني ومجهول الهوية، ليلًا ونهارًا.',
    ),
    phone: '1813',
    alwaysOpen: true,
    free: true,
    anonymous: true,
    order: 22,
    demo: false,
    languages: ['nl'],
  }),
  cp({
    id: 'druglijn',
    kind: 'addiction',
    name: L('De DrugLijn', 'De DrugLijn (alcool, drogues, jeux)', 'De DrugLijn (alcohol, drugs, gambling)', 'خط المخدرات DrugLijn', {
      de: 'De DrugLijn (Alkohol, Drogen, Glücksspiel)',
      tr: 'De DrugLijn (alkol, uyuşturucu, kumar)',
    }),
    description: L(
      'Vragen over alcohol, drugs, medicatie of gokken, voor jezelf of iemand anders. Anoniem.',
      'Questions sur l’alcool, les drogues, les médicaments ou le jeu, pour vous ou un proche. Anonyme.',
      'Questions about alcohol, drugs, medication or gambling, for yourself or someone else. Anonymous.',
      'أسئلة حول الكحول أو المخدرات أو الأدوية أو القمار، لنفسك أو لغيرك. مجهول الهوية.',
    ),
    phone: '078 15 10 20',
    alwaysOpen: false,
    openingRules: weekdays([1, 2, 3, 4, 5], '10:00', '20:00'),
    anonymous: true,
    order: 23,
    demo: false,
    languages: ['nl'],
  }),
  cp({
    id: 'perpetrator-programme',
    kind: 'perpetrator',
    name: L('Daderhulp — stoppen met geweld', 'Aide aux auteurs — arrêter la violence', 'Help to stop using violence', 'مساعدة لمن يريد التوقف عن العنف', {
      de: 'Hilfe für Täter — Gewalt beenden',
      tr: 'Şiddeti bırakmak için yardım',
    }),
    description: L(
      'Voor wie geweld gebruikt en wil stoppen. Vrijwillig of via justitie.',
      'Pour qui utilise la violence et veut arrêter. Volontaire ou via la justice.',
      'For people who use violence and want to stop. Voluntary or through the courts.',
      'لمن يستخدم العنف ويريد التوقف. طوعًا أو عن طريق القضاء.',
    ),
    phone: '+32 3 000 00 09',
    alwaysOpen: false,
    openingRules: officeHours,
    order: 24,
  }),
  cp({
    id: 'vdab',
    kind: 'job',
    name: L('VDAB — werk zoeken', 'VDAB — chercher un emploi', 'VDAB — finding work', 'VDAB — البحث عن عمل', {
      de: 'VDAB — Arbeitssuche',
      tr: 'VDAB — iş arama',
    }),
    description: L(
      'Werk, opleiding en een eigen inkomen.',
      'Emploi, formation et revenu propre.',
      'Work, training and an income of your own.',
      'العمل والتدريب والدخل الخاص.',
    ),
    phone: '0800 30 700',
    alwaysOpen: false,
    openingRules: officeHours,
    free: true,
    order: 25,
    demo: false,
  }),
  cp({
    id: 'integration-agency',
    kind: 'migrant',
    name: L('Agentschap Integratie en Inburgering', 'Agence Intégration et Insertion civique', 'Integration agency (newcomers)', 'وكالة الاندماج والاستيعاب', {
      de: 'Agentur für Integration und Einbürgerung',
      tr: 'Uyum ve Entegrasyon Ajansı (yeni gelenler)',
    }),
    description: L(
      'Verblijf, taal en inburgering; sociaal tolken.',
      'Séjour, langue et intégration ; interprètes sociaux.',
      'Residence, language and integration; community interpreters.',
      'الإقامة واللغة والاندماج؛ مترجمون اجتماعيون.',
    ),
    phone: '+32 3 000 00 10',
    alwaysOpen: false,
    openingRules: weekdays([1, 4], '09:00', '16:00'),
    order: 26,
    languages: ['nl', 'fr', 'en', 'ar', 'tr', 'ru', 'uk', 'fa'],
  }),
  cp({
    id: 'municipality-boom',
    kind: 'local-authority',
    name: L('Gemeente Boom — onthaal', 'Commune de Boom — accueil', 'Boom town hall — front desk', 'بلدية بوم — الاستقبال', {
      de: 'Gemeinde Boom — Empfang',
      tr: 'Boom Belediyesi — danışma',
    }),
    description: L(
      'Adres, documenten en de weg naar lokale diensten.',
      'Adresse, documents et orientation vers les services locaux.',
      'Address, documents and the way to local services.',
      'العنوان والوثائق والإرشاد إلى الخدمات المحلية.',
    ),
    phone: '+32 3 000 00 11',
    address: 'Demo-adres 6, 2850 Boom',
    alwaysOpen: false,
    openingRules: officeHours,
    order: 27,
  }),
];

export const demoServices: Service[] = services.map((s) => newServiceSchema.parse(s));
export const demoContactPoints: ContactPoint[] = contactPoints.map((c) => newContactPointSchema.parse(c));

/** Writes the demo catalogue one item at a time (conditional Puts: never over a coordinator's change). */
export async function seedCatalog({ dynamo, tableName, now }: SeedContext): Promise<{ services: number; contactPoints: number }> {
  const at = now.toISOString();
  for (const s of demoServices) await dynamo.send(new PutCommand({ TableName: tableName, Item: serviceItem(s, 'demo-seed', at) }));
  for (const c of demoContactPoints) await dynamo.send(new PutCommand({ TableName: tableName, Item: contactPointItem(c, 'demo-seed', at) }));
  return { services: demoServices.length, contactPoints: demoContactPoints.length };
}
