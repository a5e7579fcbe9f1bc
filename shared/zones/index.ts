export * from './geo.js';
export * from '../brussels-time.js';
export * from './types.js';
export { evaluate, stepZone, margin } from './engine.js';
export * from './escalation.js';
export * from './protection-code.js';
export * from './messages.js';
export * from './order.js';
export { compiledRules, rulesOfVersion, type CompiledRules } from './compiled.js';
