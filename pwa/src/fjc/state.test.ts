import { describe, expect, it } from 'vitest';
import { browserSteps } from '../exit/exit.js';
import { fjcStore } from './state.js';
import { texts } from './texts.js';

describe("the victim's FJC view state", () => {
  it('holds the case code and what it showed in memory only, and the quick exit forgets both', () => {
    expect(fjcStore.get()).toEqual({ code: '', view: undefined });
    fjcStore.set({ code: 'ABCD-EFGH-JKMN', view: { partners: [] } });
    browserSteps({} as never).runCleaners();
    expect(fjcStore.get()).toEqual({ code: '', view: undefined });
  });

  it('has every text in all four languages', () => {
    const keys = (o: object) => Object.keys(o).sort();
    for (const lang of ['fr', 'en', 'ar'] as const) {
      expect(keys(texts[lang])).toEqual(keys(texts.nl));
      expect(keys(texts[lang].kinds)).toEqual(keys(texts.nl.kinds));
      expect(keys(texts[lang].errors)).toEqual(keys(texts.nl.errors));
    }
  });
});
