import { WORK_SHARDS } from '../../shared/table.js';
import { shardOf } from '../../shared/zones/index.js';
import { fixedPartitions as F, prefixes as P } from '../../shared/partitions.js';

/**
 * Keys of cases and follow-ups in the one table (documented in functions/cases/README.md). Nothing else
 * builds these strings. The victim reference never appears in a key: only its keyed hash (HMAC).
 */
export const caseKeys = {
  case: (id: string) => ({ pk: `${P.case}${id}`, sk: 'CASE' }),
  casePk: (id: string) => `${P.case}${id}`,
  /** An officer's cases, newest last. */
  officerIndex: (officer: string, openedAt: string, id: string) => ({ gsi1pk: `${P.officer}${officer}`, gsi1sk: `${openedAt}#${id}` }),
  officerPk: (officer: string) => `${P.officer}${officer}`,
  /** The team's (every zone's) cases; the zone is an attribute (filter). */
  teamCasesIndex: (openedAt: string, id: string) => ({ gsi2pk: F.teamCases, gsi2sk: `${openedAt}#${id}` }),
  teamCasesPk: F.teamCases,
  /** One per case: the victim's keyed hash, for the 12-month repeat check. Never changes. */
  victim: (caseId: string) => ({ pk: `${P.case}${caseId}`, sk: 'VICTIM' }),
  victimIndex: (hash: string, openedAt: string, caseId: string) => ({ gsi2pk: `${P.victim}${hash}`, gsi2sk: `${openedAt}#${caseId}` }),
  victimPk: (hash: string) => `${P.victim}${hash}`,
  followup: (caseId: string, id: string) => ({ pk: `${P.case}${caseId}`, sk: `FOLLOWUP#${id}` }),
  followupPrefix: 'FOLLOWUP#',
  /** Work queue of the reminder tick (sparse: only while a reminder, escalation or notice is to be sent). */
  dueIndex: (id: string, at: string) => ({ gsi1pk: `${P.due}${shardOf(id, WORK_SHARDS)}`, gsi1sk: `${at}#${id}` }),
  duePk: (shard: number) => `${P.due}${shard}`,
  /** Pending follow-ups of the team by due time (sparse: removed when done); officers filter on `officer`. */
  teamFollowupsIndex: (dueAt: string, id: string) => ({ gsi2pk: F.teamFollowups, gsi2sk: `${dueAt}#${id}` }),
  teamFollowupsPk: F.teamFollowups,
  /** A notice for supervisors (two "not reached" in a row), sent by the tick through the same queue. */
  notice: (caseId: string, id: string) => ({ pk: `${P.case}${caseId}`, sk: `NOTICE#${id}` }),
  noticePrefix: 'NOTICE#',
  /** A reminder or escalation that could not be published after the last attempt: visible, never retried alone. */
  deadLetter: (at: string, id: string, stage: string) => ({ pk: F.followupDeadLetters, sk: `${at}#${id}#${stage}` }),
  deadLetterPk: F.followupDeadLetters,
  hmacKey: { pk: F.caseRefHmacKey, sk: 'KEY' },
  /** The cases an order is linked to (one item per link, written with the case): an alert on the order reaches them. */
  orderCase: (orderId: string, caseId: string) => ({ pk: `${P.orderCases}${orderId}`, sk: `CASE#${caseId}` }),
  orderCasesPk: (orderId: string) => `${P.orderCases}${orderId}`,
};
