import { prefixes as P } from '../../shared/partitions.js';

/**
 * Keys of her space in the one table (functions/space/README.md). One partition per space: a Query
 * gives all of it. Nothing else builds these strings.
 */
export const spaceKeys = {
  pk: (spaceId: string) => `${P.space}${spaceId}`,
  meta: (spaceId: string) => ({ pk: `${P.space}${spaceId}`, sk: 'META' }),
  plan: (spaceId: string) => ({ pk: `${P.space}${spaceId}`, sk: 'PLAN' }),
  selfCheck: (spaceId: string) => ({ pk: `${P.space}${spaceId}`, sk: 'SELFCHECK' }),
  /** Zero-padded so the chain reads in order. */
  entry: (spaceId: string, seq: number) => ({ pk: `${P.space}${spaceId}`, sk: `ENTRY#${String(seq).padStart(7, '0')}` }),
  entryPrefix: 'ENTRY#',
  photo: (spaceId: string, id: string, part: number) => ({ pk: `${P.space}${spaceId}`, sk: `PHOTO#${id}#${part}` }),
  photoPrefix: 'PHOTO#',
  callback: (spaceId: string, id: string) => ({ pk: `${P.space}${spaceId}`, sk: `CALLBACK#${id}` }),
  callbackPrefix: 'CALLBACK#',
  share: (spaceId: string, id: string) => ({ pk: `${P.space}${spaceId}`, sk: `SHARE#${id}` }),
  sharePrefix: 'SHARE#',
  attempts: (client: string) => ({ pk: `${P.spaceAttempts}${client}`, sk: 'BUDGET' }),
  /** The shared copy, on the case's side: staff of the case read it through its policy. */
  sharedCopy: (caseId: string, shareId: string) => ({ pk: `${P.spaceShare}${caseId}`, sk: `SHARE#${shareId}` }),
  sharedCopyPk: (caseId: string) => `${P.spaceShare}${caseId}`,
  /** The officer's copy of a call-back request (sealed). */
  officerCallback: (id: string) => ({ pk: `${P.spaceCallback}${id}`, sk: 'CALLBACK' }),
};
