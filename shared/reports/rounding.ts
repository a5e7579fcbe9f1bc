/**
 * Disclosure control for published counts: random controlled rounding to base 5, pure.
 *
 * Every published count — totals, every category, zeros and running sums included — is the true count
 * rounded to one of the two multiples of 5 next to it (a multiple of 5 stays itself), so it is never
 * more than 4 away. The rounding is:
 *
 * - **random**: a count with remainder r (1–4) is rounded up with probability r/5 (unbiased on
 *   average), drawn from a keyed, stable source (`Draw`): the same data gives the same published figure
 *   on every request (asking again or for another range cannot average the noise away), and without the
 *   key no one can replay the draws;
 * - **controlled**: the rounded parts of every split add up exactly to the rounded total (a total is
 *   rounded once; then exactly as many of each split's non-multiple parts are rounded up as the rounded
 *   total needs — always possible, see `roundSplit`), and a running sum (cases open, orders active) is
 *   rounded together with its increment so that the published figures keep its relations too (always
 *   possible, see `roundCells`): the published table is itself a table the attacker must count as possible.
 *
 * Why this protects (documented for authorities in functions/reports/README.md): a reader who knows the
 * method, but not the key, can only conclude |true − published| ≤ 4 for each cell, plus the relations
 * between cells. Both the true table and the published one satisfy them; every split relation is an
 * interval (consecutive-ones) matrix, so every count between the true and the published value of a cell
 * is possible too. A count of 1–4 can therefore never be told apart from 0 or from 5, and no count that
 * is not a multiple of 5 can be narrowed to one value. The attacker property test
 * (test/unit/report-attacker.test.ts) checks this with an exact solver on random months.
 */
export const ROUNDING_BASE = 5;
/** Largest distance between a true and a published count. */
export const ROUNDING_MAX_ERROR = ROUNDING_BASE - 1;

/** A stable uniform number in [0, 1) for a label (keyed in production, seeded in tests). */
export type Draw = (label: string) => number;

export interface Group {
  /** The shared total of one or more splits. */
  total: string;
  /** Each split: cells adding up to the total. */
  splits: readonly (readonly string[])[];
}

/** A running sum and the increment it contains (`increment ≤ running ≤ previous + increment`). */
export interface Chain {
  running: string;
  increment: string;
  /** The same running sum one month earlier; absent in the first month (then `running = increment`). */
  previous?: string;
}

export interface RoundingPlan {
  groups: readonly Group[];
  /** In chronological order (each may refer to the one before). */
  chains: readonly Chain[];
}

const floor5 = (v: number) => v - (v % ROUNDING_BASE);

function checkCount(id: string, v: number | undefined): number {
  if (v === undefined) throw new Error(`Rounding plan refers to an unknown cell ${id}`);
  if (!Number.isInteger(v) || v < 0) throw new Error(`Cell ${id} is not a count: ${v}`);
  return v;
}

/** Unbiased random rounding of one count. */
export function roundOne(v: number, u: number): number {
  const r = v % ROUNDING_BASE;
  return r === 0 ? v : floor5(v) + (u < r / ROUNDING_BASE ? ROUNDING_BASE : 0);
}

/**
 * Rounds a split's parts so that they add up to `roundedTotal`: every part goes to its floor multiple,
 * then k = (roundedTotal − Σ floors) / 5 of the parts with a remainder go up. With T the true total,
 * Σ floors = T − Σ remainders and m parts having a remainder (1–4 each), |roundedTotal − T| ≤ 4 gives
 * 0 ≤ k ≤ m, so such a choice always exists. Which k parts is drawn (weighted by remainder, every
 * choice possible): Efraimidis–Spirakis keys u^(1/r), the k largest go up.
 */
export function roundSplit(parts: readonly { id: string; value: number }[], roundedTotal: number, draw: Draw): Map<string, number> {
  const out = new Map<string, number>();
  let floors = 0;
  const withRemainder: { id: string; key: number }[] = [];
  for (const p of parts) {
    const f = floor5(p.value);
    floors += f;
    out.set(p.id, f);
    const r = p.value - f;
    if (r > 0) withRemainder.push({ id: p.id, key: draw(`split|${p.id}|${p.value}|${roundedTotal}`) ** (1 / r) });
  }
  const k = (roundedTotal - floors) / ROUNDING_BASE;
  if (!Number.isInteger(k) || k < 0 || k > withRemainder.length) throw new Error('Split does not add up to its total');
  withRemainder.sort((a, b) => b.key - a.key || (a.id < b.id ? -1 : 1));
  for (const { id } of withRemainder.slice(0, k)) out.set(id, (out.get(id) as number) + ROUNDING_BASE);
  return out;
}

/** The multiples of 5 a count may be published as: itself, or the two around it. */
export function neighbours(v: number): number[] {
  const down = floor5(v);
  return v === down ? [down] : [down, down + ROUNDING_BASE];
}

/**
 * Rounds every cell. First the running sums, month by month, each together with its increment: of the
 * (at most four) pairs of neighbouring multiples, only those that keep `increment ≤ running ≤ previous
 * + increment` between published figures are allowed — there always is one (checked exhaustively in the
 * unit tests) — and the draws choose among them (the increment's own draw first). Then the groups (the
 * total once, unless a chain rounded it already, then each split controlled to it), then every other
 * cell on its own.
 */
export function roundCells(cells: ReadonlyMap<string, number>, plan: RoundingPlan, draw: Draw): Map<string, number> {
  for (const [id, v] of cells) checkCount(id, v);
  const out = new Map<string, number>();
  const value = (id: string) => checkCount(id, cells.get(id));
  const u = (id: string) => draw(`cell|${id}|${value(id)}`);
  const one = (id: string) => roundOne(value(id), u(id));
  for (const c of plan.chains) {
    const prev = c.previous === undefined ? 0 : out.get(c.previous);
    if (prev === undefined) throw new Error(`Chain previous ${c.previous} is not rounded yet`);
    const all = neighbours(value(c.increment)).flatMap((inc) => neighbours(value(c.running)).map((r) => [inc, r] as const));
    const consistent = all.filter(([inc, r]) => r >= inc && r <= prev + inc);
    // None only if the true counts break the relation themselves (counters that disagree): round freely.
    const pairs = consistent.length > 0 ? consistent : all;
    const wantInc = out.get(c.increment) ?? one(c.increment);
    const incPairs = pairs.filter(([inc]) => inc === wantInc);
    const options = incPairs.length > 0 ? incPairs : pairs;
    const wantRun = one(c.running);
    const pick = options.find(([, r]) => r === wantRun) ?? (options[0] as readonly [number, number]);
    out.set(c.increment, pick[0]);
    out.set(c.running, pick[1]);
  }
  for (const g of plan.groups) {
    const t = out.get(g.total) ?? one(g.total);
    out.set(g.total, t);
    for (const split of g.splits) {
      const rounded = roundSplit(
        split.map((id) => ({ id, value: value(id) })),
        t,
        draw,
      );
      for (const [id, v] of rounded) out.set(id, v);
    }
  }
  for (const id of cells.keys()) if (!out.has(id)) out.set(id, one(id));
  return out;
}
