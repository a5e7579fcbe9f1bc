import { ConflictError, ValidationError } from '../../shared/errors.js';
import { deviceIdSchema, registerDeviceSchema, type PushDeviceList, type PushKey } from '../../shared/push/api.js';
import { isPushServiceEndpoint, PUSH_LOCAL_ENDPOINT_ENV } from '../../shared/push/config.js';
import { topicsOfRoles } from '../../shared/push/rules.js';
import { TABLE_ENV } from '../../shared/table.js';
import { requirePrincipal } from '../lib/auth.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { created, httpApi, noContent, ok } from '../lib/http.js';
import { isLocalStack } from '../lib/secrets.js';
import { parse } from '../lib/validation.js';
import { deviceIdOf } from './keys.js';
import { deviceView, PushDeviceRepository } from './repository.js';
import { vapidKeys, vapidSubject } from './vapid.js';

const repo = new PushDeviceRepository(requireEnv(TABLE_ENV));
const subject = vapidSubject();
// Fetched during the cold start where push is configured.
if (subject) vapidKeys().catch(() => undefined);
/** The local push service's endpoints are accepted too, on the local stack only. */
const localEndpoint = () => (isLocalStack() ? process.env[PUSH_LOCAL_ENDPOINT_ENV] : undefined);

export const handler = httpApi('push', {
  'GET /api/push/key': async () => {
    const answer: PushKey = subject ? { enabled: true, publicKey: (await vapidKeys()).publicKey } : { enabled: false };
    return ok(answer);
  },
  'GET /api/push/devices': async (req) => {
    const list: PushDeviceList = { devices: (await repo.ofUser(requirePrincipal(req).username)).map(deviceView) };
    return ok(list);
  },
  'POST /api/push/devices': async (req) => {
    const input = parse(registerDeviceSchema, req.body);
    const p = requirePrincipal(req);
    if (!subject) throw new ConflictError('Push is not configured for this deployment');
    if (topicsOfRoles(p.roles).length === 0) throw new ConflictError('Your role receives no pushes');
    const { endpoint, keys } = input.subscription;
    // Pushes are sent to the endpoint: only a browser push service may be one (no request to anywhere else).
    if (!isPushServiceEndpoint(endpoint, localEndpoint()))
      throw new ValidationError('subscription.endpoint', 'Not the endpoint of a known browser push service');
    const { created: isNew, device } = await repo.save(
      {
        id: deviceIdOf(endpoint),
        username: p.username,
        roles: p.roles,
        zone: p.zone,
        districts: p.districts ?? [],
        minSeverity: input.minSeverity,
        endpoint,
        keys,
        ...(input.label ? { label: input.label } : {}),
      },
      clock.now(),
    );
    return isNew ? created(deviceView(device)) : ok(deviceView(device));
  },
  'DELETE /api/push/devices/{id}': async (req) => {
    const id = parse(deviceIdSchema, req.pathParameters.id, 'id');
    await repo.remove(requirePrincipal(req).username, id);
    return noContent();
  },
});
