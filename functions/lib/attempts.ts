import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients.js';
import { isConditionFailed, updateIf } from './dynamo.js';

/**
 * Guessing budgets that hold under parallel requests. An attempt is RESERVED with one conditional
 * update before the secret is checked: `attempts < limit` inside the current fixed window, or a fresh
 * window once the old one has ended. DynamoDB serialises the updates of one item, so however many
 * requests arrive at once, at most `limit` of them get a reservation per window; any other outcome
 * (the condition fails, or DynamoDB errs) means the secret is not checked (fail closed).
 *
 * A window starts with its first attempt and never grows: attempts refused while it is full change
 * nothing, so a lock lifts at `windowStart + windowMs` whatever an attacker keeps sending.
 */
export interface Budget {
  limit: number;
  windowMs: number;
}

export type Reservation = { reserved: true; windowStart: number } | { reserved: false; retryAt: number };

export async function reserveAttempt(table: string, key: Record<string, string>, type: string, budget: Budget, now: Date): Promise<Reservation> {
  const nowMs = now.getTime();
  const cutoff = nowMs - budget.windowMs;
  // The item outlives its window by a day so that an ended window can still be read while a new one starts.
  const expiresAt = Math.floor((nowMs + budget.windowMs) / 1000) + 86_400;
  for (let round = 0; round < 3; round++) {
    try {
      const out = await dynamo.send(
        new UpdateCommand({
          TableName: table,
          Key: key,
          UpdateExpression: 'SET #type = :type, expiresAt = :exp ADD attempts :one',
          ConditionExpression: 'windowStart > :cutoff AND attempts < :limit',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': type, ':exp': expiresAt, ':one': 1, ':cutoff': cutoff, ':limit': budget.limit },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { reserved: true, windowStart: Number(out.Attributes?.windowStart) };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: table,
          Key: key,
          UpdateExpression: 'SET #type = :type, expiresAt = :exp, attempts = :one, windowStart = :now',
          ConditionExpression: 'attribute_not_exists(windowStart) OR windowStart <= :cutoff',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': type, ':exp': expiresAt, ':one': 1, ':now': nowMs, ':cutoff': cutoff },
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { reserved: true, windowStart: nowMs };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      // The window is current: full (locked), or another request just opened it (then try to join it).
      const item = (err as { Item?: Record<string, { N?: string }> }).Item;
      const attempts = Number(item?.attempts?.N ?? 0);
      const windowStart = Number(item?.windowStart?.N ?? nowMs);
      if (attempts >= budget.limit) return { reserved: false, retryAt: windowStart + budget.windowMs };
    }
  }
  return { reserved: false, retryAt: nowMs + budget.windowMs };
}

/**
 * Gives back one reservation of the same window (a right secret costs nothing). It never resets the
 * count: the wrong attempts of others stand, and so does their lock.
 */
export async function refundAttempt(table: string, key: Record<string, string>, windowStart: number): Promise<void> {
  await updateIf(dynamo, {
    TableName: table,
    Key: key,
    UpdateExpression: 'ADD attempts :minus',
    ConditionExpression: 'windowStart = :start AND attempts > :zero',
    ExpressionAttributeValues: { ':minus': -1, ':start': windowStart, ':zero': 0 },
  });
}
