import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { followupItem, type StoredFollowup } from '../../functions/cases/repository.js';
import { dynamo } from '../../functions/lib/clients.js';
import type { Item } from '../../functions/lib/dynamo.js';

/** Who the i-th seeded follow-up belongs to. */
export interface DueFollowups {
  zone: string;
  now: Date;
  officer: (i: number) => string;
  caseId: (i: number) => string;
}

/**
 * `n` pending follow-ups due a minute before `now`, at the reminder stage, as the items the cases use
 * case writes (spread over the DUE# shards): what a reminder tick picks up.
 */
export function dueFollowupItems(n: number, of: DueFollowups): Item[] {
  const due = new Date(of.now.getTime() - 60_000).toISOString();
  return Array.from({ length: n }, (_, i) => {
    const f: StoredFollowup = {
      id: `FU-${ulid()}`,
      version: 1,
      caseId: of.caseId(i),
      zone: of.zone,
      officer: of.officer(i),
      purpose: 'contact_victim',
      urgency: 'normal',
      status: 'pending',
      dueAt: due,
      countedDueAt: due,
      createdAt: of.now.toISOString(),
      tick: { stage: 'remind', at: due },
    };
    return followupItem(f);
  });
}

/** Writes `items` by BatchWrite, 25 a request and `writers` requests in flight, until the table has taken every one. */
export async function batchPut(table: string, items: Item[], writers = 1): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < batches.length) {
        let pending = batches[next++]?.map((Item) => ({ PutRequest: { Item } })) ?? [];
        while (pending.length > 0) {
          const out = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }),
  );
}
