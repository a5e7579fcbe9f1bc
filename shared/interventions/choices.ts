/** The choices of the intervention record (shared/interventions/api.ts); zod-free, so the staff console imports them. */
export const VIOLENCE_FORMS = ['physical', 'psychological', 'sexual', 'economic', 'digital'] as const;
export type ViolenceForm = (typeof VIOLENCE_FORMS)[number];

export const CHILD_AGE_BANDS = ['0-2', '3-5', '6-11', '12-17'] as const;
/** Present in the home, or a witness (saw or heard the violence). */
export const CHILD_PRESENCE = ['present', 'witness'] as const;
/** Where the child is now (after the intervention). */
export const CHILD_WHEREABOUTS = ['with_victim', 'with_other_parent', 'with_family', 'with_aggressor', 'hospital', 'emergency_care', 'other'] as const;
export const SECURED_WITH = ['other_parent', 'family', 'friends', 'emergency_care', 'hospital', 'other'] as const;
/** Referral of the children's situation: youth care (jeugdhulp / aide à la jeunesse) or the child-abuse centre (VK / SOS Enfants). */
export const CHILD_REFERRALS = ['none', 'youth_care', 'child_abuse_centre'] as const;
export const AGGRESSOR_RELATIONS = ['partner', 'ex_partner', 'parent', 'child', 'sibling', 'other_family', 'other'] as const;
export const OTHERS_PRESENT = ['family', 'neighbour', 'friend', 'other'] as const;
export const WEAPON_KINDS = ['knife', 'firearm', 'blunt_object', 'other'] as const;
/** What was used, as observed or said; `not_known` when nobody could tell. */
export const SUBSTANCE_USE = ['none', 'alcohol', 'drugs', 'alcohol_and_drugs', 'medication', 'not_known'] as const;
/** "Is it safe to talk now?" — asked before any risk question. */
export const SAFE_TO_TALK = ['yes', 'no'] as const;

/** The legal frame of the temporary home ban (tijdelijk huisverbod / interdiction temporaire de résidence): at most 14 days, extendable by the family court to 3 months. */
export const HOME_BAN_MAX_DAYS = 14;
export const HOME_BAN_EXTENDED_MAX_DAYS = 92;
