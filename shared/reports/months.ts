/** Month arithmetic on `yyyy-mm` keys, pure. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthIndex(month: string): number {
  if (!MONTH_PATTERN.test(month)) throw new Error(`Not a month: ${month}`);
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthFromIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i += 1) out.push(monthFromIndex(i));
  return out;
}

export const monthsBetween = (from: string, to: string) => monthIndex(to) - monthIndex(from) + 1;
