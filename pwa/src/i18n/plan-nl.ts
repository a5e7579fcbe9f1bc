import type { Review } from './nl.js';

/**
 * Dutch texts of the safety plan and the "Am I safe?" self-check (pwa/src/space): the source, whose
 * shape `PlanMessages` every other language's plan-xx.ts must match. Loaded with the screens that use
 * them (`t.planTexts()`), not on the first visit. Awaits review by a native speaker, as nl.ts does.
 */
const nl = {
  review: { status: 'awaiting-native-review', note: 'Written by the development team; awaits review by a native speaker of Dutch.' } as Review,
  /** Her safety plan (plan-form.tsx) and its printable page. */
  plan: {
    title: 'Mijn veiligheidsplan',
    intro: 'Schrijf op wat jou helpt om veilig te zijn. Vul in wat je wilt, in de volgorde die je wilt. Niets is verplicht.',
    remove: (what: string) => `Verwijderen: ${what}`,
    places: {
      legend: 'Veilige plekken',
      hint: 'Waar kun je naartoe als het thuis niet veilig is, ook ’s nachts?',
      item: (n: number) => `Plek ${n}`,
      place: 'Plek',
      how: 'Hoe kom je er?',
      add: 'Nog een plek',
    },
    people: {
      legend: 'Mensen die je vertrouwt',
      hint: 'Wie kan je helpen: opvangen, de kinderen halen, de politie bellen?',
      item: (n: number) => `Persoon ${n}`,
      name: 'Naam',
      phone: 'Telefoonnummer',
      how: 'Waarmee kan die persoon helpen?',
      add: 'Nog iemand',
    },
    codeWord: {
      legend: 'Codewoord',
      hint: 'Een gewoon woord dat je zegt of stuurt als je hulp nodig hebt, zonder dat iemand anders het merkt.',
      word: 'Het woord',
      meaning: 'Wat doen ze als ze het horen (bijvoorbeeld 112 bellen, je komen halen)?',
      whoKnows: 'Wie kent het woord?',
    },
    documents: {
      legend: 'Belangrijke papieren en spullen',
      hint: 'Identiteitskaart, paspoort of verblijfskaart, papieren van de kinderen, bankkaart, medicijnen, sleutels, bewijzen. Waar liggen ze, of wie heeft een kopie?',
      item: (n: number) => `Papier of ding ${n}`,
      what: 'Wat',
      where: 'Waar ligt het?',
      add: 'Nog iets',
    },
    children: {
      legend: 'Kinderen',
      hint: 'Als je kinderen hebt: wat spreek je af voor hun veiligheid?',
      pickUp: 'Wie haalt de kinderen op als jij het niet kunt?',
      whatTheyKnow: 'Wat weten de kinderen, en wat doen ze bij gevaar (112 bellen, naar de buren gaan)?',
      safeAdult: 'Welke volwassene kunnen ze vertrouwen (op school, in de familie)?',
    },
    leaving: {
      legend: 'Veilig weggaan',
      hint: 'Weggaan kan een gevaarlijk moment zijn. Plan het als het kan samen met 1712 of de politie.',
      where: 'Waar ga je naartoe?',
      bag: 'Wat neem je mee, en waar staat een tas klaar?',
      how: 'Hoe en wanneer ga je weg, en wie helpt je?',
    },
    staying: {
      legend: 'Veilig thuis blijven',
      hint: 'Als je (nog) thuis blijft: wat doe je als het misgaat?',
      safeRoom: 'Welke kamer heeft een uitgang en geen messen of wapens?',
      signs: 'Waaraan merk je dat het gevaarlijk wordt?',
      neighbours: 'Wie belt 112 als die iets hoort (een buur)?',
    },
    digital: {
      legend: 'Je telefoon en je accounts',
      hint: 'Wie je telefoon of accounts kent, kan meelezen of zien waar je bent.',
      phone: 'Wie kent de code van je telefoon? Wil je die veranderen?',
      accounts: 'Welke accounts deel je (e-mail, cloud, bank, sociale media)? Welke wachtwoorden verander je?',
      location: 'Delen je telefoon, apps of auto je locatie? Met wie?',
    },
    numbers: {
      legend: 'Nummers om te bellen',
      hint: 'Bij gevaar altijd eerst 112. Voeg hier je eigen nummers toe.',
      item: (n: number) => `Nummer ${n}`,
      name: 'Wie',
      phone: 'Nummer',
      add: 'Nog een nummer',
    },
    print: 'Afdrukken',
    /** The printed page's title and the document title while printing: neutral, no app name. */
    printTitle: 'Mijn lijstje',
    printEmpty: 'Nog niets ingevuld.',
  },
  /** "Am I safe?" (self-check.tsx): our own questions, see pwa/README.md. */
  selfCheck: {
    intro: 'Een korte check met vragen over je situatie. “De persoon” is wie je pijn doet of bang maakt: een partner, een ex of iemand in je gezin.',
    private: 'Je antwoorden worden niet bewaard en niet verstuurd. Snel weg wist ze meteen.',
    answers: { yes: 'Ja', no: 'Nee', unsure: 'Weet ik niet' },
    questions: {
      now: 'Ben je nu in gevaar, of ben je bang dat er vandaag iets gebeurt?',
      afraid: 'Ben je bang voor wat de persoon jou kan aandoen?',
      threatKill: 'Heeft de persoon gedreigd jou of je kinderen te doden?',
      neck: 'Heeft de persoon ooit je keel dichtgeknepen of je adem afgesneden?',
      weapon: 'Heeft de persoon een wapen (een mes, een vuurwapen), of dreigde die ermee?',
      worse: 'Wordt het geweld erger, of gebeurt het vaker?',
      leaving: 'Ben je weggegaan, of wil je weggaan of uit elkaar gaan?',
      children: 'Heeft de persoon je kinderen pijn gedaan of gedreigd hen iets aan te doen?',
      pregnant: 'Ben je zwanger, of kreeg je het voorbije jaar een baby?',
      following: 'Volgt of bespiedt de persoon je, of blijft die contact zoeken terwijl je dat niet wilt?',
      control: 'Bepaalt de persoon waar je heen gaat, wie je ziet of wat je met geld doet?',
      forcedSex: 'Heeft de persoon je ooit gedwongen tot seks?',
      selfHarmThreat: 'Dreigt de persoon zichzelf iets aan te doen als je weggaat?',
    },
    nowAlert: 'Ben je in gevaar? Bel nu 112.',
    show: 'Wat kan ik nu doen?',
    resultTitle: 'Wat je nu kunt doen',
    advice: {
      now: 'Je bent in gevaar. Bel nu 112 als het kan. Ga naar een plek waar andere mensen zijn.',
      serious:
        'Je antwoorden wijzen op ernstig gevaar. Zulke signalen gaan vaak vooraf aan zeer ernstig geweld. Bel 112 bij gevaar, en praat vandaag nog met de politie (101) of met 1712.',
      raised: 'Je antwoorden tonen signalen van gevaar. Neem ze ernstig: praat met 1712 of met een dienst van het centrum. Bij gevaar: 112.',
      listen:
        'Je antwoorden tonen geen van deze signalen. Dat wil niet zeggen dat je veilig bent: jij kent je situatie het best. Hulp is er ook als je alleen wilt praten.',
    },
    steps: [
      'Vertel iemand die je vertrouwt wat er gebeurt, en spreek een codewoord af.',
      'Maak een veiligheidsplan: veilige plekken, je papieren, wie je helpt.',
      'Leg bewijzen vast als het veilig kan (berichten, foto’s van letsels, een doktersattest).',
    ],
    callTitle: 'Wie je kunt bellen',
    again: 'Opnieuw beginnen',
    save: 'Bewaren in mijn ruimte',
    saved: 'Bewaard in je ruimte.',
  },
};

export type PlanMessages = typeof nl;

export default nl;
