import type { ComponentType } from 'preact';
import type { ScreenId } from './router.js';
import { FirstVisit } from './screens/first-visit.js';
import { Home } from './screens/home.js';
import { Notes } from './screens/notes.js';

/**
 * The screen registry. The neutral notes, home and the first-visit page ship in the first bundle; every other screen
 * is its own chunk, loaded when opened (and precached by the service worker, so it opens offline).
 * A screen is a component without props, default-exported by its module.
 */
export type ScreenModule = { default: ComponentType };

export type ScreenEntry = { kind: 'eager'; component: ComponentType } | { kind: 'lazy'; load: () => Promise<ScreenModule> };

export const screens: Record<ScreenId, ScreenEntry> = {
  notes: { kind: 'eager', component: Notes },
  'first-visit': { kind: 'eager', component: FirstVisit },
  home: { kind: 'eager', component: Home },
  safety: { kind: 'lazy', load: () => import('./screens/safety.js') },
  'self-check': { kind: 'lazy', load: () => import('./space/self-check.js') },
  services: { kind: 'lazy', load: () => import('./screens/services.js') },
  book: { kind: 'lazy', load: () => import('./booking/index.js') },
  protection: { kind: 'lazy', load: () => import('./protection/index.js') },
  fjc: { kind: 'lazy', load: () => import('./fjc/index.js') },
  space: { kind: 'lazy', load: () => import('./space/index.js') },
};
