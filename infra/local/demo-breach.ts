import { parseArgs } from 'node:util';
import { DEMO_ORDER_ID } from './demo/order.js';
import type { ZoneRule } from '../../shared/zones/index.js';
import { drive, stackClock, waitForOrderAlerts, walkDistances } from './breach-drive.js';
import { optionalIntEnv } from '../../functions/lib/config.js';
import { localStaffPort } from '../../shared/web-origins.js';
import { issuerUrl, loadIssuerKeys, mintAccessToken, monitoringSubject, subjectFor } from './tokens.js';

/**
 * `npm run demo:breach [-- --order RO-… --interval 1000]`: against a running local stack (`npm start`),
 * drives the respondent's bracelet of an order (default: the seeded demo order) towards its first
 * protected zone, one position fix a second, as the monitoring provider would; then waits for the
 * police alerts in the local notifications and prints when each one went out.
 *
 * STAFF_URL (default the staff origin of a stack on PORT 3000, http://127.0.0.1:3001: orders and device
 * events are staff routes) and DATA_DIR (default .data, where the stack keeps the issuer's key) must
 * match the running stack: tokens are minted like `npm run token` does.
 */
const { values } = parseArgs({
  options: {
    order: { type: 'string', default: DEMO_ORDER_ID },
    interval: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '12' },
  },
});
const baseUrl = (process.env.STAFF_URL?.trim() || `http://127.0.0.1:${localStaffPort(optionalIntEnv('PORT', 3000))}`).replace(/\/$/, '');
const dataDir = process.env.DATA_DIR?.trim() || '.data';
const orderId = values.order;
const intervalMs = Number(values.interval);
const steps = Number(values.steps);
if (!Number.isFinite(intervalMs) || intervalMs < 0 || !Number.isInteger(steps) || steps < 3 || steps > 100) {
  console.error('Usage: npm run demo:breach -- [--order RO-…] [--interval <ms between fixes>] [--steps 3..100]');
  process.exit(2);
}

const keys = await loadIssuerKeys(dataDir);
const issuer = issuerUrl(new URL(baseUrl).origin);
const police = subjectFor('police');
if (!police) throw new Error('No demo police user');
const [monitoringToken, policeToken] = await Promise.all([mintAccessToken(keys, monitoringSubject(), { issuer }), mintAccessToken(keys, police, { issuer })]);

// The order's device and first zone, read as police (an audited read, like any other).
let res: Response;
try {
  res = await fetch(`${baseUrl}/api/orders/${encodeURIComponent(orderId)}`, { headers: { authorization: `Bearer ${policeToken}` } });
} catch {
  console.error(`No local stack at ${baseUrl}: start it with \`npm start\` (or set STAFF_URL).`);
  process.exit(1);
}
if (res.status === 401) {
  console.error(`The stack refused the token: run this with the same DATA_DIR as \`npm start\` (now ${dataDir}).`);
  process.exit(1);
}
if (!res.ok) {
  console.error(`GET /api/orders/${orderId} → ${res.status} ${await res.text()}`);
  process.exit(1);
}
const order = (await res.json()) as { id: string; status: string; district: string; respondentDeviceId: string; zones: ZoneRule[] };
const zone = order.zones[0];
if (order.status !== 'active' || !zone) {
  console.error(`Order ${orderId} is ${order.status} with ${order.zones.length} fixed zones: nothing to drive towards.`);
  process.exit(1);
}

const now = await stackClock(baseUrl);
const distances = walkDistances(zone.alertRadiusM, zone.preAlertRadiusM, steps);
console.log(`Driving ${order.respondentDeviceId} towards the ${zone.label} zone of ${order.id} (district ${order.district}):`);
console.log(`alert radius ${zone.alertRadiusM} m, pre-alert radius ${zone.preAlertRadiusM} m, ${distances.length} fixes, one every ${intervalMs} ms.\n`);

const started = Date.now();
const { postedAt } = await drive({
  baseUrl,
  token: monitoringToken,
  deviceId: order.respondentDeviceId,
  centre: zone.centre,
  distances,
  intervalMs,
  now,
  onFix: (fix, meters, result) => {
    const outcome = result.accepted ? 'accepted' : result.duplicates ? 'duplicate' : `rejected (${result.rejected[0]?.field}: ${result.rejected[0]?.message})`;
    console.log(`  ${fix.at}  ${String(meters).padStart(5)} m from the zone centre  ${outcome}`);
  },
});

const want = (alerts: { attributes: Record<string, string> }[]) => ['preAlert', 'zone'].every((k) => alerts.some((a) => a.attributes.kind === k));
const alerts = await waitForOrderAlerts(baseUrl, order.id, want, 15_000, started);
console.log('');
if (alerts.length === 0) {
  console.log(
    'No police alert went out. If this order alerted less than 15 minutes ago (stack time), the re-alert\n' +
      'interval holds new ones back — by design. Move the stack clock on and drive again:\n' +
      `  curl -X POST ${baseUrl}/api/dev/clock -H 'content-type: application/json' -d '{"advanceMinutes":20}'`,
  );
  process.exit(1);
}
// The fix that crossed each circle (accuracy 10 m: the engine counts a zone entered when the disc touches it).
const crossing = (radius: number) => postedAt[distances.findIndex((d) => d - 10 < radius)] ?? started;
for (const a of alerts) {
  const posted = crossing(a.attributes.kind === 'preAlert' ? zone.preAlertRadiusM : zone.alertRadiusM);
  console.log(`  SNS policeAlerts  ${a.subject ?? ''}`);
  console.log(`      ${JSON.stringify(a.attributes)}  (published ${((Date.parse(a.at) - posted) / 1000).toFixed(2)} s after the fix that crossed)`);
}
console.log(`\nOpen ${baseUrl}/staff/ as the police demo user to acknowledge them; all messages: ${baseUrl}/api/dev/notifications`);
