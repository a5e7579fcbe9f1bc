import { describe, expect, it } from 'vitest';
import { markdownTable, median, percentile, ratio } from '../../bench/stats.js';

describe('bench stats', () => {
  it('median of odd and even sets (nearest rank)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });
  it('percentiles by nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });
  it('ratio formats and guards against zero', () => {
    expect(ratio(3, 2)).toBe('×1.50');
    expect(ratio(1, 0)).toBe('n/a');
    expect(ratio(Number.NaN, 1)).toBe('n/a');
  });
  it('markdown table escapes pipes', () => {
    const t = markdownTable([{ section: 'A', item: 'x|y', result: '1' }]);
    expect(t.split('\n')).toHaveLength(3);
    expect(t).toContain('x\\|y');
  });
});
