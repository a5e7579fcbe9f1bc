/**
 * The Family Justice Centre's partner organisations, declared once: the staff identity names one
 * (Cognito group `partner:<id>`, the local issuer alike) for a partner worker, the FJC case refers to
 * them, consents are given per partner, and reports count by partner kind. Pure data: both front ends
 * import it. Services in the catalogue name their provider by the same id (`partnerId`).
 *
 * The sixteen kinds are the seed's list of who works under one roof. Names are plausible demo names
 * for Zone Ruppel (the local stack seeds them; a deployment declares its own).
 */
export const PARTNER_KINDS = [
  'police',
  'prosecutor',
  'womens-aid',
  'shelter',
  'child-abuse',
  'social-welfare',
  'counselling',
  'medical',
  'housing',
  'probation',
  'perpetrator-programme',
  'migrant-services',
  'youth-care',
  'mental-health',
  'job-seeking',
  'local-authority',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** What a partner offers on site at the FJC, besides its bookable services. */
export const ON_SITE_OFFERS = ['peer-group', 'volunteers', 'self-defence-course', 'legal-advice', 'focus-group', 'medical-examination'] as const;
export type OnSiteOffer = (typeof ON_SITE_OFFERS)[number];

export interface Partner {
  id: string;
  kind: PartnerKind;
  /** The organisation's own name (not translated). */
  name: string;
  /** The police zones it serves (shared/zones-list.ts). */
  zones: readonly string[];
  onSite: readonly OnSiteOffer[];
}

export const PARTNERS = [
  { id: 'police-ruppel', kind: 'police', name: 'PZ Rupel — dienst slachtofferbejegening', zones: ['ruppel'], onSite: [] },
  { id: 'parket-antwerpen', kind: 'prosecutor', name: 'Parket Antwerpen — afdeling Mechelen', zones: ['ruppel'], onSite: [] },
  { id: 'vrouwenhulp-rupel', kind: 'womens-aid', name: 'Vrouwenhulp Rupelstreek', zones: ['ruppel'], onSite: ['peer-group', 'volunteers'] },
  { id: 'caw-bml-shelter', kind: 'shelter', name: 'CAW Boom Mechelen Lier — vluchthuis', zones: ['ruppel'], onSite: [] },
  { id: 'vk-antwerpen', kind: 'child-abuse', name: 'Vertrouwenscentrum Kindermishandeling Antwerpen', zones: ['ruppel'], onSite: [] },
  { id: 'caw-bml', kind: 'social-welfare', name: 'CAW Boom Mechelen Lier', zones: ['ruppel'], onSite: ['peer-group', 'focus-group'] },
  { id: 'cgg-andante', kind: 'counselling', name: 'CGG Andante', zones: ['ruppel'], onSite: [] },
  { id: 'az-rivierenland', kind: 'medical', name: 'AZ Rivierenland', zones: ['ruppel'], onSite: ['medical-examination'] },
  { id: 'sociaal-huis-boom', kind: 'housing', name: 'Sociaal Huis Boom', zones: ['ruppel'], onSite: [] },
  { id: 'justitiehuis-mechelen', kind: 'probation', name: 'Justitiehuis Mechelen', zones: ['ruppel'], onSite: [] },
  { id: 'context-daderhulp', kind: 'perpetrator-programme', name: 'Daderhulp Rupel', zones: ['ruppel'], onSite: [] },
  { id: 'agii', kind: 'migrant-services', name: 'Agentschap Integratie en Inburgering', zones: ['ruppel'], onSite: [] },
  { id: 'jeugdhulp-antwerpen', kind: 'youth-care', name: 'Jeugdhulp Antwerpen', zones: ['ruppel'], onSite: [] },
  { id: 'cgg-mental-health', kind: 'mental-health', name: 'Centrum Geestelijke Gezondheidszorg Rupel', zones: ['ruppel'], onSite: [] },
  { id: 'vdab-boom', kind: 'job-seeking', name: 'VDAB Boom', zones: ['ruppel'], onSite: [] },
  { id: 'gemeente-boom', kind: 'local-authority', name: 'Gemeente Boom', zones: ['ruppel'], onSite: [] },
  { id: 'cjb-antwerpen', kind: 'social-welfare', name: 'Commissie voor Juridische Bijstand Antwerpen', zones: ['ruppel'], onSite: ['legal-advice'] },
  { id: 'sportdienst-boom', kind: 'local-authority', name: 'Sportdienst Boom', zones: ['ruppel'], onSite: ['self-defence-course'] },
] as const satisfies readonly Partner[];

export type PartnerId = (typeof PARTNERS)[number]['id'];
export const PARTNER_IDS = PARTNERS.map((p) => p.id) as [PartnerId, ...PartnerId[]];

export const isPartnerId = (v: unknown): v is PartnerId => typeof v === 'string' && (PARTNER_IDS as readonly string[]).includes(v);

/** The Cognito group (and local token group) naming a partner worker's organisation. */
export const partnerGroup = (partner: PartnerId) => `partner:${partner}`;

export function partnerById(id: string): Partner | undefined {
  return PARTNERS.find((p) => p.id === id);
}
