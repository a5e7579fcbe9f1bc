import type { PlanMessages } from './plan-nl.js';

/** German texts of the safety plan and the self-check, in the shape of the Dutch ones; loaded on demand. */
const de: PlanMessages = {
  review: { status: 'awaiting-native-review', note: 'Translated by the development team; awaits review by a native speaker of German.' },
  plan: {
    title: 'Mein Sicherheitsplan',
    intro: 'Schreiben Sie auf, was Ihnen hilft, sicher zu sein. Füllen Sie aus, was Sie möchten, in jeder Reihenfolge. Nichts ist Pflicht.',
    remove: (what: string) => `Entfernen: ${what}`,
    places: {
      legend: 'Sichere Orte',
      hint: 'Wohin können Sie gehen, wenn es zu Hause nicht sicher ist, auch nachts?',
      item: (n: number) => `Ort ${n}`,
      place: 'Ort',
      how: 'Wie kommen Sie dorthin?',
      add: 'Noch ein Ort',
    },
    people: {
      legend: 'Menschen, denen Sie vertrauen',
      hint: 'Wer kann Ihnen helfen: Sie aufnehmen, die Kinder abholen, die Polizei rufen?',
      item: (n: number) => `Person ${n}`,
      name: 'Name',
      phone: 'Telefonnummer',
      how: 'Wobei kann diese Person helfen?',
      add: 'Noch jemand',
    },
    codeWord: {
      legend: 'Codewort',
      hint: 'Ein gewöhnliches Wort, das Sie sagen oder schreiben, wenn Sie Hilfe brauchen, ohne dass andere es merken.',
      word: 'Das Wort',
      meaning: 'Was tun die anderen, wenn sie es hören (zum Beispiel 112 anrufen, Sie abholen)?',
      whoKnows: 'Wer kennt das Wort?',
    },
    documents: {
      legend: 'Wichtige Papiere und Dinge',
      hint: 'Personalausweis, Reisepass oder Aufenthaltstitel, Papiere der Kinder, Bankkarte, Medikamente, Schlüssel, Beweise. Wo liegen sie, oder wer hat eine Kopie?',
      item: (n: number) => `Papier oder Ding ${n}`,
      what: 'Was',
      where: 'Wo liegt es?',
      add: 'Noch etwas',
    },
    children: {
      legend: 'Kinder',
      hint: 'Wenn Sie Kinder haben: Was vereinbaren Sie für ihre Sicherheit?',
      pickUp: 'Wer holt die Kinder ab, wenn Sie es nicht können?',
      whatTheyKnow: 'Was wissen die Kinder, und was tun sie bei Gefahr (112 anrufen, zu den Nachbarn gehen)?',
      safeAdult: 'Welchem Erwachsenen können sie vertrauen (in der Schule, in der Familie)?',
    },
    leaving: {
      legend: 'Sicher weggehen',
      hint: 'Weggehen kann ein gefährlicher Moment sein. Planen Sie es wenn möglich mit einer Hilfsstelle oder der Polizei.',
      where: 'Wohin gehen Sie?',
      bag: 'Was nehmen Sie mit, und wo steht eine Tasche bereit?',
      how: 'Wie und wann gehen Sie, und wer hilft Ihnen?',
    },
    staying: {
      legend: 'Sicher zu Hause bleiben',
      hint: 'Wenn Sie (vorerst) zu Hause bleiben: Was tun Sie, wenn es schiefgeht?',
      safeRoom: 'Welcher Raum hat einen Ausgang und keine Messer oder Waffen?',
      signs: 'Woran merken Sie, dass es gefährlich wird?',
      neighbours: 'Wer ruft die 112, wenn er etwas hört (eine Nachbarin, ein Nachbar)?',
    },
    digital: {
      legend: 'Ihr Telefon und Ihre Konten',
      hint: 'Wer Ihr Telefon oder Ihre Konten kennt, kann mitlesen oder sehen, wo Sie sind.',
      phone: 'Wer kennt den Code Ihres Telefons? Möchten Sie ihn ändern?',
      accounts: 'Welche Konten teilen Sie (E-Mail, Cloud, Bank, soziale Medien)? Welche Passwörter ändern Sie?',
      location: 'Teilen Ihr Telefon, Apps oder Ihr Auto Ihren Standort? Mit wem?',
    },
    numbers: {
      legend: 'Nummern zum Anrufen',
      hint: 'Bei Gefahr immer zuerst 112. Fügen Sie hier Ihre eigenen Nummern hinzu.',
      item: (n: number) => `Nummer ${n}`,
      name: 'Wer',
      phone: 'Nummer',
      add: 'Noch eine Nummer',
    },
    print: 'Drucken',
    printTitle: 'Meine Liste',
    printEmpty: 'Noch nichts ausgefüllt.',
  },
  selfCheck: {
    intro:
      'Ein kurzer Check mit Fragen zu Ihrer Lage. „Die Person“ ist, wer Ihnen wehtut oder Ihnen Angst macht: ein Partner, eine Partnerin, ein Ex oder jemand in Ihrer Familie.',
    private: 'Ihre Antworten werden weder gespeichert noch gesendet. „Schnell weg“ löscht sie sofort.',
    answers: { yes: 'Ja', no: 'Nein', unsure: 'Weiß ich nicht' },
    questions: {
      now: 'Sind Sie jetzt in Gefahr, oder haben Sie Angst, dass heute etwas passiert?',
      afraid: 'Haben Sie Angst davor, was die Person Ihnen antun könnte?',
      threatKill: 'Hat die Person gedroht, Sie oder Ihre Kinder zu töten?',
      neck: 'Hat die Person Ihnen jemals die Kehle zugedrückt oder Ihnen die Luft genommen?',
      weapon: 'Hat die Person eine Waffe (ein Messer, eine Schusswaffe), oder hat sie damit gedroht?',
      worse: 'Wird die Gewalt schlimmer, oder kommt sie öfter vor?',
      leaving: 'Sind Sie weggegangen, oder möchten Sie weggehen oder sich trennen?',
      children: 'Hat die Person Ihren Kindern wehgetan oder gedroht, ihnen etwas anzutun?',
      pregnant: 'Sind Sie schwanger, oder haben Sie im letzten Jahr ein Baby bekommen?',
      following: 'Verfolgt oder beobachtet die Person Sie, oder sucht sie weiter Kontakt, obwohl Sie das nicht wollen?',
      control: 'Bestimmt die Person, wohin Sie gehen, wen Sie sehen oder was Sie mit Geld machen?',
      forcedSex: 'Hat die Person Sie jemals zu Sex gezwungen?',
      selfHarmThreat: 'Droht die Person, sich selbst etwas anzutun, wenn Sie gehen?',
    },
    nowAlert: 'Sind Sie in Gefahr? Rufen Sie jetzt die 112 an.',
    show: 'Was kann ich jetzt tun?',
    resultTitle: 'Was Sie jetzt tun können',
    advice: {
      now: 'Sie sind in Gefahr. Rufen Sie jetzt die 112 an, wenn Sie können. Gehen Sie an einen Ort, an dem andere Menschen sind.',
      serious:
        'Ihre Antworten weisen auf ernste Gefahr hin. Solche Zeichen gehen oft sehr schwerer Gewalt voraus. Rufen Sie bei Gefahr die 112 an, und sprechen Sie noch heute mit der Polizei (101) oder der Hilfe-Linie 1712.',
      raised:
        'Ihre Antworten zeigen Zeichen von Gefahr. Nehmen Sie sie ernst: Sprechen Sie mit der Hilfe-Linie 1712 oder mit einem Dienst des Zentrums. Bei Gefahr: 112.',
      listen:
        'Ihre Antworten zeigen keines dieser Zeichen. Das heißt nicht, dass Sie sicher sind: Sie kennen Ihre Lage am besten. Hilfe gibt es auch, wenn Sie nur reden möchten.',
    },
    steps: [
      'Erzählen Sie einem Menschen, dem Sie vertrauen, was passiert, und vereinbaren Sie ein Codewort.',
      'Machen Sie einen Sicherheitsplan: sichere Orte, Ihre Papiere, wer Ihnen hilft.',
      'Sichern Sie Beweise, wenn es gefahrlos geht (Nachrichten, Fotos von Verletzungen, ein ärztliches Attest).',
    ],
    callTitle: 'Wen Sie anrufen können',
    again: 'Neu beginnen',
    save: 'In meinem Bereich speichern',
    saved: 'In Ihrem Bereich gespeichert.',
  },
};

export default de;
