// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import {
  SPACE_AUTH_HEADER,
  SPACE_ID_HEADER,
  authSecretSchema,
  callbackBody,
  callbackIdSchema,
  entryBody,
  linkBody,
  photoBody,
  planBody,
  safeContactBody,
  selfCheckBody,
  shareBody,
  shareIdSchema,
  spaceIdSchema,
} from '../../shared/space/api.js';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { TABLE_ENV } from '../../shared/table.js';
import { FjcRepository } from '../fjc/repository.js';
import { callerOf } from '../lib/auth.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { optionalOriginEnv, requireEnv } from '../lib/config.js';
import type * as z from 'zod';
import { created, httpApi, ok, type ApiRequest } from '../lib/http.js';
import { SnsNotifier } from '../lib/notifier.js';
import { staffDirectoryFromEnv } from '../lib/staff-directory.js';
import { parse } from '../lib/validation.js';
import { signingKey } from './signing.js';
import {
  appendEntry,
  createSpace,
  eraseSpace,
  exportChain,
  linkCase,
  markCallbackDone,
  openCallback,
  openSpace,
  putPhoto,
  putPlan,
  putSelfCheck,
  requestCallback,
  revokeShare,
  share,
  updateSafeContact,
  type Credential,
  type SpaceDeps,
} from './use-cases.js';

const table = requireEnv(TABLE_ENV);
const deps: SpaceDeps = {
  table,
  client: dynamo,
  fjc: new FjcRepository(table),
  notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations', 'partnerIntake']),
  directory: staffDirectoryFromEnv(),
  consoleOrigin: optionalOriginEnv(WEB_ORIGIN_ENV),
};
// Read during the cold start where it is bound (a missing key fails the export only, named in the log).
signingKey().catch(() => undefined);

/** Her credential from the headers (never the URL); a missing or malformed one is a 400 naming the header. */
const cred = (req: ApiRequest): Credential => ({
  spaceId: parse(spaceIdSchema, req.headers[SPACE_ID_HEADER], SPACE_ID_HEADER),
  authSecret: parse(authSecretSchema, req.headers[SPACE_AUTH_HEADER], SPACE_AUTH_HEADER),
});

/** Her credential, then the body: a request without her credential is refused naming the header before its body is read. */
const credAnd = <S extends z.ZodType>(req: ApiRequest, schema: S): [Credential, z.infer<S>] => [cred(req), parse(schema, req.body)];

export const handler = httpApi('space', {
  'POST /api/space': async (req) => created(await createSpace(deps, cred(req), req.client, clock.now())),
  'GET /api/space': async (req) => ok(await openSpace(deps, cred(req), req.client, clock.now())),
  'DELETE /api/space': async (req) => ok(await eraseSpace(deps, cred(req), req.client, req.routeKey, clock.now())),
  'PUT /api/space/plan': async (req) => ok(await putPlan(deps, ...credAnd(req, planBody), req.client, clock.now())),
  'PUT /api/space/self-check': async (req) => ok(await putSelfCheck(deps, ...credAnd(req, selfCheckBody), req.client, clock.now())),
  'POST /api/space/journal': async (req) => created(await appendEntry(deps, ...credAnd(req, entryBody), req.client, clock.now())),
  'POST /api/space/photos': async (req) => created(await putPhoto(deps, ...credAnd(req, photoBody), req.client, clock.now())),
  'POST /api/space/callbacks': async (req) => created(await requestCallback(deps, ...credAnd(req, callbackBody), req.client, req.routeKey, clock.now())),
  'POST /api/space/link': async (req) => {
    const [c, { code }] = credAnd(req, linkBody);
    return ok(await linkCase(deps, c, code, req.client, req.routeKey, clock.now()));
  },
  'PUT /api/space/safe-contact': async (req) => ok(await updateSafeContact(deps, ...credAnd(req, safeContactBody), req.client, req.routeKey, clock.now())),
  'POST /api/space/shares': async (req) => created(await share(deps, ...credAnd(req, shareBody), req.client, req.routeKey, clock.now())),
  'DELETE /api/space/shares/{id}': async (req) => {
    const c = cred(req);
    const id = parse(shareIdSchema, req.pathParameters.id, 'id');
    return ok(await revokeShare(deps, c, id, req.client, req.routeKey, clock.now()));
  },
  'GET /api/callbacks/{id}': async (req) => ok(await openCallback(deps, parse(callbackIdSchema, req.pathParameters.id, 'id'), callerOf(req), clock.now())),
  'POST /api/callbacks/{id}/done': async (req) =>
    ok(await markCallbackDone(deps, parse(callbackIdSchema, req.pathParameters.id, 'id'), callerOf(req), clock.now())),
  'POST /api/space/export': async (req) => ok(await exportChain(deps, cred(req), req.client, clock.now())),
});
