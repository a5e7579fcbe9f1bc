import { open } from '../../functions/lib/personal-crypto.js';
import type { SealedKind } from '../../shared/personal-data.js';

/** Item `type` → sealed kind, and which attribute carries the entity id its repository seals under. */
const SEALED_TYPES: Record<string, { kind: SealedKind; id: string }> = {
  BOOKING: { kind: 'booking', id: 'reference' },
  CASE: { kind: 'case', id: 'id' },
  ORDER: { kind: 'order', id: 'id' },
  ORDER_VERSION: { kind: 'order', id: 'id' },
  ORDER_STATE: { kind: 'orderState', id: 'orderId' },
  FIX: { kind: 'fix', id: 'orderId' },
  ALERT: { kind: 'alert', id: 'id' },
  SPACE_CALLBACK: { kind: 'spaceCallback', id: 'id' },
  SPACE_SHARED: { kind: 'spaceShare', id: 'id' },
};

/** A stored item with its sealed personal fields opened, as its repository reads it (for assertions on stored values). */
export async function opened<T extends Record<string, unknown> | undefined>(item: T): Promise<T> {
  if (!item) return item;
  const t = SEALED_TYPES[String(item.type)];
  return (t ? await open(t.kind, String(item[t.id]), item) : item) as T;
}
