import type { PlanMessages } from './plan-nl.js';

/**
 * Turkish texts of the safety plan and the self-check, in the shape of the Dutch ones; loaded on
 * demand. Numbers stand where no case suffix follows, as in tr.ts.
 */
const tr: PlanMessages = {
  review: { status: 'awaiting-native-review', note: 'Translated by the development team; awaits review by a native speaker of Turkish.' },
  plan: {
    title: 'Güvenlik planım',
    intro: 'Güvende olmanıza neyin yardım ettiğini yazın. İstediğinizi, istediğiniz sırayla doldurun. Hiçbiri zorunlu değil.',
    remove: (what: string) => `Kaldır: ${what}`,
    places: {
      legend: 'Güvenli yerler',
      hint: 'Ev güvenli değilse, gece de dahil, nereye gidebilirsiniz?',
      item: (n: number) => `Yer ${n}`,
      place: 'Yer',
      how: 'Oraya nasıl gidersiniz?',
      add: 'Başka bir yer',
    },
    people: {
      legend: 'Güvendiğiniz kişiler',
      hint: 'Size kim yardım edebilir: sizi yanına alabilir, çocukları alabilir, polisi arayabilir?',
      item: (n: number) => `Kişi ${n}`,
      name: 'Ad',
      phone: 'Telefon numarası',
      how: 'Bu kişi nasıl yardım edebilir?',
      add: 'Başka biri',
    },
    codeWord: {
      legend: 'Parola',
      hint: 'Yardıma ihtiyacınız olduğunda, başkası fark etmeden söylediğiniz veya yazdığınız sıradan bir kelime.',
      word: 'Kelime',
      meaning: 'Duyduklarında ne yaparlar (örneğin acil numarayı ararlar, sizi gelip alırlar)?',
      whoKnows: 'Kelimeyi kim biliyor?',
    },
    documents: {
      legend: 'Önemli belgeler ve eşyalar',
      hint: 'Kimlik kartı, pasaport veya oturma belgesi, çocukların belgeleri, banka kartı, ilaçlar, anahtarlar, kanıtlar. Nerede duruyorlar, ya da kimde bir kopyası var?',
      item: (n: number) => `Belge veya eşya ${n}`,
      what: 'Ne',
      where: 'Nerede?',
      add: 'Başka bir şey',
    },
    children: {
      legend: 'Çocuklar',
      hint: 'Çocuklarınız varsa: güvenlikleri için neyi kararlaştırıyorsunuz?',
      pickUp: 'Siz alamazsanız çocukları kim alır?',
      whatTheyKnow: 'Çocuklar ne biliyor ve tehlikede ne yaparlar (acil numarayı ararlar, komşulara giderler)?',
      safeAdult: 'Hangi yetişkine güvenebilirler (okulda, ailede)?',
    },
    leaving: {
      legend: 'Güvenle ayrılmak',
      hint: 'Ayrılmak tehlikeli bir an olabilir. Mümkünse bir yardım hattıyla veya polisle birlikte planlayın.',
      where: 'Nereye gideceksiniz?',
      bag: 'Yanınıza ne alacaksınız ve hazır bir çanta nerede?',
      how: 'Nasıl ve ne zaman ayrılacaksınız, size kim yardım edecek?',
    },
    staying: {
      legend: 'Evde güvenle kalmak',
      hint: '(Şimdilik) evde kalıyorsanız: işler kötüye giderse ne yaparsınız?',
      safeRoom: 'Hangi odanın bir çıkışı var ve içinde bıçak veya silah yok?',
      signs: 'Tehlikeli olmaya başladığını nereden anlarsınız?',
      neighbours: 'Bir şey duyarsa acil numarayı kim arar (bir komşu)?',
    },
    digital: {
      legend: 'Telefonunuz ve hesaplarınız',
      hint: 'Telefonunuzu veya hesaplarınızı bilen biri mesajlarınızı okuyabilir veya nerede olduğunuzu görebilir.',
      phone: 'Telefonunuzun şifresini kim biliyor? Değiştirmek ister misiniz?',
      accounts: 'Hangi hesapları paylaşıyorsunuz (e-posta, bulut, banka, sosyal medya)? Hangi şifreleri değiştireceksiniz?',
      location: 'Telefonunuz, uygulamalarınız veya arabanız konumunuzu paylaşıyor mu? Kiminle?',
    },
    numbers: {
      legend: 'Aranacak numaralar',
      hint: 'Tehlikede her zaman önce acil numara: 112. Kendi numaralarınızı buraya ekleyin.',
      item: (n: number) => `Numara ${n}`,
      name: 'Kim',
      phone: 'Numara',
      add: 'Başka bir numara',
    },
    print: 'Yazdır',
    printTitle: 'Listem',
    printEmpty: 'Henüz bir şey doldurulmadı.',
  },
  selfCheck: {
    intro:
      'Durumunuzla ilgili sorularla kısa bir kontrol. “Kişi”, size zarar veren veya sizi korkutan kişidir: bir partner, eski bir partner ya da ailenizden biri.',
    private: 'Cevaplarınız saklanmaz ve gönderilmez. Hızlı çıkış onları hemen siler.',
    answers: { yes: 'Evet', no: 'Hayır', unsure: 'Bilmiyorum' },
    questions: {
      now: 'Şu anda tehlikede misiniz veya bugün bir şey olmasından korkuyor musunuz?',
      afraid: 'Kişinin size yapabileceklerinden korkuyor musunuz?',
      threatKill: 'Kişi sizi veya çocuklarınızı öldürmekle tehdit etti mi?',
      neck: 'Kişi hiç boğazınızı sıktı mı veya nefesinizi kesti mi?',
      weapon: 'Kişinin bir silahı (bıçak, ateşli silah) var mı veya sizi silahla tehdit etti mi?',
      worse: 'Şiddet kötüleşiyor mu veya daha sık mı oluyor?',
      leaving: 'Ayrıldınız mı, ya da ayrılmak veya boşanmak mı istiyorsunuz?',
      children: 'Kişi çocuklarınıza zarar verdi mi veya onlara zarar vermekle tehdit etti mi?',
      pregnant: 'Hamile misiniz veya geçen yıl bir bebeğiniz oldu mu?',
      following: 'Kişi sizi takip ediyor veya gözetliyor mu, ya da istemediğiniz hâlde sizinle iletişim kurmaya devam ediyor mu?',
      control: 'Kişi nereye gideceğinize, kimi göreceğinize veya parayla ne yapacağınıza mı karar veriyor?',
      forcedSex: 'Kişi sizi hiç cinsel ilişkiye zorladı mı?',
      selfHarmThreat: 'Kişi, ayrılırsanız kendine zarar vermekle tehdit ediyor mu?',
    },
    nowAlert: 'Tehlikede misiniz? Şimdi acil numarayı arayın: 112.',
    show: 'Şimdi ne yapabilirim?',
    resultTitle: 'Şimdi ne yapabilirsiniz',
    advice: {
      now: 'Tehlikedesiniz. Yapabiliyorsanız şimdi acil numarayı arayın: 112. Başka insanların olduğu bir yere gidin.',
      serious:
        'Cevaplarınız ciddi bir tehlikeye işaret ediyor. Bu tür işaretler çoğu zaman çok ağır şiddetten önce görülür. Tehlikede acil numarayı arayın (112) ve bugün polisle (101) veya yardım hattıyla (1712) konuşun.',
      raised:
        'Cevaplarınız tehlike işaretleri gösteriyor. Bunları ciddiye alın: bir yardım hattıyla (1712) veya merkezin bir hizmetiyle konuşun. Tehlikede: 112.',
      listen:
        'Cevaplarınız bu işaretlerin hiçbirini göstermiyor. Bu, güvende olduğunuz anlamına gelmez: durumunuzu en iyi siz bilirsiniz. Sadece konuşmak isteseniz de yardım var.',
    },
    steps: [
      'Güvendiğiniz birine neler olduğunu anlatın ve bir parola kararlaştırın.',
      'Bir güvenlik planı yapın: güvenli yerler, belgeleriniz, size kimin yardım edeceği.',
      'Güvenliyse kanıt saklayın (mesajlar, yaraların fotoğrafları, doktor raporu).',
    ],
    callTitle: 'Kimi arayabilirsiniz',
    again: 'Yeniden başla',
    save: 'Alanımda sakla',
    saved: 'Alanınızda saklandı.',
  },
};

export default tr;
