/**
 * Small-cell suppression (issue 8), pure.
 *
 * Rules (documented for authorities in functions/reports/README.md):
 * 1. Primary: a count from 1 to 4 is shown as `<5`.
 * 2. Zero stays `0`: "nothing happened" identifies no one, and hiding zeros would make every split
 *    unreadable. A zero is never used as a complementary cell (hiding it protects nothing).
 * 3. Complementary: cells are tied by equations `total = part1 + part2 + …` (a split of a total, the
 *    services adding up to the bookings total, …). If an equation has exactly ONE hidden member, it
 *    could be recovered by subtraction, so a second member is hidden too: the smallest non-zero visible
 *    part (ties by id, so the result is deterministic), else the total. Shown as `suppressed`.
 *    Repeated until no equation has exactly one hidden member (hiding only grows, so it ends).
 *
 * Guarantee (property-tested): after suppression no equation has exactly one hidden member, and every
 * count from 1 to 4 is hidden. Known limit: like every simple heuristic (not a linear-programming
 * audit), two hidden cells can in rare overlapping patterns be narrowed to a range, not an exact value.
 */
export const SUPPRESSION_THRESHOLD = 5;
export const PRIMARY_MARK = '<5';
export const COMPLEMENTARY_MARK = 'suppressed';

export type Shown = number | typeof PRIMARY_MARK | typeof COMPLEMENTARY_MARK;

export interface Equation {
  total: string;
  parts: readonly string[];
}

export interface Suppressed {
  shown: Map<string, Shown>;
  primary: Set<string>;
  complementary: Set<string>;
}

export function isSmall(n: number): boolean {
  return n >= 1 && n < SUPPRESSION_THRESHOLD;
}

export function suppress(cells: ReadonlyMap<string, number>, equations: readonly Equation[]): Suppressed {
  const value = (id: string): number => {
    const v = cells.get(id);
    if (v === undefined) throw new Error(`Equation refers to an unknown cell ${id}`);
    return v;
  };
  for (const [id, v] of cells) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`Cell ${id} is not a count: ${v}`);
  }
  const primary = new Set([...cells].filter(([, v]) => isSmall(v)).map(([id]) => id));
  const hidden = new Set(primary);
  const complementary = new Set<string>();

  let changed = true;
  while (changed) {
    changed = false;
    for (const eq of equations) {
      const members = [eq.total, ...eq.parts];
      if (members.filter((m) => hidden.has(m)).length !== 1) continue;
      const candidates = eq.parts
        .filter((p) => !hidden.has(p) && value(p) > 0)
        .sort((a, b) => value(a) - value(b) || (a < b ? -1 : a > b ? 1 : 0));
      const pick = candidates[0] ?? (!hidden.has(eq.total) && value(eq.total) > 0 ? eq.total : undefined);
      if (pick === undefined) continue; // only zeros left visible: the equation is inconsistent, nothing to hide
      hidden.add(pick);
      complementary.add(pick);
      changed = true;
    }
  }

  const shown = new Map<string, Shown>();
  for (const [id, v] of cells) {
    shown.set(id, primary.has(id) ? PRIMARY_MARK : complementary.has(id) ? COMPLEMENTARY_MARK : v);
  }
  return { shown, primary, complementary };
}
