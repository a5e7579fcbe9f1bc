import type { FjcStatus } from '../../shared/cases/index.js';
import type { PoliceReferralRecord } from '../../shared/fjc/model.js';
import type { Item } from '../lib/dynamo.js';
import { fjcKeys } from './keys.js';

/**
 * The police FJC referral written with an intervention (functions/interventions, in its own
 * transaction): the case directors of the zone find it on their dashboard and open the family case
 * from it (`referFromPolice`, which removes it). Clear routing data only: the family's references stay
 * in the police case and the intervention, sealed under their own keys.
 */
const REFERRED: readonly FjcStatus[] = ['offered', 'accepted', 'done'];

/** A referral when the introduction was made (not when she declined it or it was not offered). */
export function policeReferralOf(introduction: FjcStatus, input: Omit<PoliceReferralRecord, 'introduction'>): PoliceReferralRecord | undefined {
  return REFERRED.includes(introduction) ? { ...input, introduction: introduction as PoliceReferralRecord['introduction'] } : undefined;
}

export function policeReferralItem(r: PoliceReferralRecord): Item {
  return {
    ...fjcKeys.policeReferral(r.policeCaseId),
    type: 'FJC_POLICE_REFERRAL',
    ...r,
    ...fjcKeys.policeReferralsIndex(r.zone, r.referredAt, r.policeCaseId),
  };
}
