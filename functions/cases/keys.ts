import { WORK_SHARDS } from '../../shared/table.js';
import { shardOf } from '../../shared/zones/index.js';

/**
 * Keys of cases and follow-ups in the one table (documented in functions/cases/README.md). Nothing else
 * builds these strings. The victim reference never appears in a key: only its keyed hash (HMAC).
 */
export const caseKeys = {
  case: (id: string) => ({ pk: `CASE#${id}`, sk: 'CASE' }),
  casePk: (id: string) => `CASE#${id}`,
  /** An officer's cases, newest last. */
  officerIndex: (officer: string, openedAt: string, id: string) => ({ gsi1pk: `OFFICER#${officer}`, gsi1sk: `${openedAt}#${id}` }),
  officerPk: (officer: string) => `OFFICER#${officer}`,
  /** The team's (every zone's) cases; the zone is an attribute (filter). */
  teamCasesIndex: (openedAt: string, id: string) => ({ gsi2pk: 'TEAM#CASES', gsi2sk: `${openedAt}#${id}` }),
  teamCasesPk: 'TEAM#CASES',
  /** One per case: the victim's keyed hash, for the 12-month repeat check. Never changes. */
  victim: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'VICTIM' }),
  victimIndex: (hash: string, openedAt: string, caseId: string) => ({ gsi2pk: `VICTIM#${hash}`, gsi2sk: `${openedAt}#${caseId}` }),
  victimPk: (hash: string) => `VICTIM#${hash}`,
  followup: (caseId: string, id: string) => ({ pk: `CASE#${caseId}`, sk: `FOLLOWUP#${id}` }),
  followupPrefix: 'FOLLOWUP#',
  /** Work queue of the reminder tick (sparse: only while a reminder, escalation or notice is to be sent). */
  dueIndex: (id: string, at: string) => ({ gsi1pk: `DUE#${shardOf(id, WORK_SHARDS)}`, gsi1sk: `${at}#${id}` }),
  duePk: (shard: number) => `DUE#${shard}`,
  /** Pending follow-ups of the team by due time (sparse: removed when done); officers filter on `officer`. */
  teamFollowupsIndex: (dueAt: string, id: string) => ({ gsi2pk: 'TEAM#FOLLOWUPS', gsi2sk: `${dueAt}#${id}` }),
  teamFollowupsPk: 'TEAM#FOLLOWUPS',
  /** A notice for supervisors (two "not reached" in a row), sent by the tick through the same queue. */
  notice: (caseId: string, id: string) => ({ pk: `CASE#${caseId}`, sk: `NOTICE#${id}` }),
  noticePrefix: 'NOTICE#',
  /** A reminder or escalation that could not be published after the last attempt: visible, never retried alone. */
  deadLetter: (at: string, id: string, stage: string) => ({ pk: 'FOLLOWUP#DEADLETTERS', sk: `${at}#${id}#${stage}` }),
  deadLetterPk: 'FOLLOWUP#DEADLETTERS',
  hmacKey: { pk: 'SECRET#CASE-REF-HMAC', sk: 'KEY' },
  /** The cases an order is linked to (one item per link, written with the case): an alert on the order reaches them. */
  orderCase: (orderId: string, caseId: string) => ({ pk: `ORDERCASES#${orderId}`, sk: `CASE#${caseId}` }),
  orderCasesPk: (orderId: string) => `ORDERCASES#${orderId}`,
};
