import { compileWindow, type WindowInstance } from '../brussels-time.js';
import { rulesOf, type OrderRecord } from './order.js';
import type { CurfewRule, OrderRules } from './types.js';

/**
 * What the breach engine derives from an order's rules before it can judge an event, derived once per
 * rules object instead of on every event: the validity bounds as numbers and, per curfew rule object, its
 * windows (`compileWindow`: each local day's instance computed once). Pure; the engine's answers do not change.
 */
export interface CompiledRules {
  fromMs: number;
  untilMs: number;
  /** The curfew window instance containing an instant, if any. */
  curfewWindow(curfew: CurfewRule, instantMs: number): Readonly<WindowInstance> | undefined;
}

interface Compiled extends CompiledRules {
  validFrom: string;
  validUntil: string;
}

const compiled = new WeakMap<OrderRules, Compiled>();
const windows = new WeakMap<CurfewRule, { start: string; end: string; days: CurfewRule['days']; at: ReturnType<typeof compileWindow> }>();

function curfewWindow(curfew: CurfewRule, instantMs: number): Readonly<WindowInstance> | undefined {
  let w = windows.get(curfew);
  // Checked on every use, so a rule changed in place is never judged by its old window.
  if (!w || w.start !== curfew.start || w.end !== curfew.end || w.days !== curfew.days) {
    w = { start: curfew.start, end: curfew.end, days: curfew.days, at: compileWindow(curfew) };
    windows.set(curfew, w);
  }
  return w.at(instantMs);
}

/** The compiled form of a rules object (kept as long as the object lives: pass the same object again to reuse it). */
export function compiledRules(rules: OrderRules): CompiledRules {
  let c = compiled.get(rules);
  if (!c || c.validFrom !== rules.validFrom || c.validUntil !== rules.validUntil) {
    c = {
      validFrom: rules.validFrom,
      validUntil: rules.validUntil,
      fromMs: Date.parse(rules.validFrom),
      untilMs: Date.parse(rules.validUntil),
      curfewWindow,
    };
    compiled.set(rules, c);
  }
  return c;
}

const byVersion = new Map<string, OrderRules>();
const MAX_CACHED_ORDERS = 2_000;

/**
 * The engine's rules of an order, one object per order version, so the engine compiles them once per
 * version (a warm Lambda sees the same orders event after event). Keyed by id, version, status and
 * update time: any change of the order (a new version, its end) is a new key, so a stale rule is never
 * used. Bounded: the least recently used order drops out first.
 */
export function rulesOfVersion(order: OrderRecord): OrderRules {
  const key = `${order.id}#${order.version}#${order.status}#${order.updatedAt}`;
  let rules = byVersion.get(key);
  if (rules) {
    byVersion.delete(key);
  } else {
    rules = rulesOf(order);
    if (byVersion.size >= MAX_CACHED_ORDERS) byVersion.delete(byVersion.keys().next().value as string);
  }
  byVersion.set(key, rules);
  return rules;
}
