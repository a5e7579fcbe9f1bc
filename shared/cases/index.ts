export * from './cadence.js';
export * from './dash.js';
export * from './model.js';
export * from './rules.js';
export * from './schemas.js';
export * from './messages.js';
