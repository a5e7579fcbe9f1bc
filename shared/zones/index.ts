export * from './geo.js';
export * from './brussels-time.js';
export * from './types.js';
export { evaluate, stepZone, margin } from './engine.js';
