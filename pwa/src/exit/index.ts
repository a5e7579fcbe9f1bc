export { registerExitCleaner, registerUnsavedWork, quickExit, hasExited, guardBackForwardCache, isKeptCache } from './exit.js';
export type { ExitCleaner } from './exit.js';
export { QuickExit } from './QuickExit.js';
