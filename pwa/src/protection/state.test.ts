import { describe, expect, it } from 'vitest';
import { browserSteps } from '../exit/exit.js';
import { protectionStore } from './state.js';

describe('protection code state', () => {
  it('starts empty without an opt-in, and the quick exit forgets the code', () => {
    expect(protectionStore.get()).toMatchObject({ code: '', remember: false });
    protectionStore.set({ code: 'ABCD-EFGH-JKMN', remember: false, shareLocation: false });
    browserSteps({} as never).runCleaners();
    expect(protectionStore.get()).toEqual({ code: '', remember: false, shareLocation: true });
  });
});
