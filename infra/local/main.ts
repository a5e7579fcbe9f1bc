import { optionalIntEnv } from '../../functions/lib/config.js';
import { banner } from './banner.js';
import { startLocalStack, type LocalStack } from './stack.js';

/**
 * `npm start`: the whole system on this machine: the victim app on http://127.0.0.1:3000 (PORT), the
 * staff console on its own origin, http://127.0.0.1:3001 (PORT + 1), data in .data (DATA_DIR).
 * Ctrl-C stops everything, DynamoDB Local's Java child included.
 */
const port = optionalIntEnv('PORT', 3000);
const dataDir = process.env.DATA_DIR?.trim() || '.data';
const tickSeconds = process.env.LOCAL_TICK_SECONDS ? optionalIntEnv('LOCAL_TICK_SECONDS', 60) : undefined;
if (tickSeconds !== undefined && !(tickSeconds > 0)) throw new Error('LOCAL_TICK_SECONDS must be a number of seconds above 0');
const buildPwa = process.env.BUILD_PWA !== '0';

let stopping: Promise<void> | undefined;
let dynamoPid: number | undefined;

const starting: Promise<LocalStack> = startLocalStack({ port, dataDir, ...(tickSeconds ? { tickSeconds } : {}), buildPwa });

let firstSignalAt = 0;

function shutdown(code: number): void {
  // The tsx CLI relays a Ctrl-C to this process and sends it again when this process's acknowledgement
  // is more than 30 ms late (a loaded machine): a repeat that soon is the same Ctrl-C, not a second one.
  if (stopping && Date.now() - firstSignalAt < 2_000) return;
  if (stopping) {
    // A second Ctrl-C: do not wait any longer, but never leave Java behind.
    killDynamo();
    process.exit(code || 130);
  }
  firstSignalAt = Date.now();
  console.log('\nStopping…');
  // Ctrl-C during start-up waits for the start to finish (or fail), then stops what was started.
  stopping = starting
    .then(
      (s) => s.stop(),
      () => undefined,
    )
    .finally(() => process.exit(code));
}

function killDynamo(): void {
  if (dynamoPid === undefined) return;
  try {
    process.kill(dynamoPid, 'SIGKILL');
  } catch {
    // already gone
  }
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('uncaughtException', (err) => {
  console.error('[local] uncaught error, stopping:', err);
  shutdown(1);
});
process.on('unhandledRejection', (err) => {
  console.error('[local] unhandled rejection, stopping:', err);
  shutdown(1);
});
// Last resort if the process ends without the orderly stop (process.exit elsewhere).
process.on('exit', () => {
  if (!stopping) killDynamo();
});

try {
  const stack = await starting;
  dynamoPid = stack.dynamoPid;
  if (!stopping) console.log(banner(stack, { dataDir, tickSeconds }));
} catch (err) {
  console.error(`[local] could not start: ${(err as Error).message}`);
  if (!stopping) process.exit(1);
}
