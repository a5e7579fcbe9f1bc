import { describe, expect, it } from 'vitest';
import { browserSteps } from '../exit/exit.js';
import { fjcStore } from './state.js';

describe("the victim's FJC view state", () => {
  it('holds the case code and what it showed in memory only, and the quick exit forgets both', () => {
    expect(fjcStore.get()).toEqual({ code: '', view: undefined });
    fjcStore.set({ code: 'ABCD-EFGH-JKMN', view: { partners: [] } });
    browserSteps({} as never).runCleaners();
    expect(fjcStore.get()).toEqual({ code: '', view: undefined });
  });
});
