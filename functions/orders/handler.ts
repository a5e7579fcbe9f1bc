// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import { TABLE_ENV } from '../../shared/table.js';
import { callerOf } from '../lib/auth.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { created, httpApi, ok, withQuery, type ApiRequest } from '../lib/http.js';
import { parse } from '../lib/validation.js';
import { DynamoOrderRepository } from './repository.js';
import { attendanceSchema, changeSchema, endSchema, listOrdersQuery, orderBodySchema, orderIdSchema } from '../../shared/orders/api.js';
import { DynamoConditions, orderTimeline, partnerOrders, recordAttendance } from './conditions.js';
import { changeOrder, createOrder, endOrder, getOrder, listActiveOrders, orderPositions, reissueProtectionCode } from './use-cases.js';

const table = requireEnv(TABLE_ENV);
const repo = new DynamoOrderRepository(table);
const conditions = new DynamoConditions(table, async (id) => (await repo.get(id))?.order);

const orderId = (req: ApiRequest) => parse(orderIdSchema, req.pathParameters.id, 'id');

export const handler = httpApi('orders', {
  'POST /api/orders': async (req) => {
    const body = parse(orderBodySchema, req.body);
    const { order, protectionCode } = await createOrder(repo, body, callerOf(req), clock.now());
    // The protection code is shown once, to hand to the protected person; it cannot be read back.
    return { ...created({ order, protectionCode }), headers: { location: `/api/orders/${order.id}` } };
  },
  'GET /api/orders': withQuery(listOrdersQuery, async (req, q) => ok({ orders: await listActiveOrders(repo, q.district, callerOf(req), clock.now()) })),
  'GET /api/orders/{id}': async (req) => ok(await getOrder(repo, orderId(req), callerOf(req), clock.now())),
  'PUT /api/orders/{id}': async (req) => {
    const body = parse(changeSchema, req.body);
    return ok(await changeOrder(repo, orderId(req), body.expectedVersion, body.order, callerOf(req), clock.now()));
  },
  'POST /api/orders/{id}/end': async (req) => {
    const body = parse(endSchema, req.body);
    return ok(await endOrder(repo, orderId(req), body.reason, callerOf(req), clock.now()));
  },
  // Shown once, like at creation; the old code stops working at once.
  'POST /api/orders/{id}/protection-code': async (req) => created(await reissueProtectionCode(repo, orderId(req), callerOf(req), clock.now())),
  'GET /api/orders/{id}/positions': async (req) => ok({ positions: await orderPositions(repo, orderId(req), callerOf(req), clock.now()) }),
  'GET /api/orders/conditions': async (req) => ok({ orders: await partnerOrders(conditions, callerOf(req), clock.now()) }),
  'POST /api/orders/{id}/attendance': async (req) => {
    const id = orderId(req);
    return created(await recordAttendance(conditions, table, id, parse(attendanceSchema, req.body), callerOf(req), clock.now()));
  },
  'GET /api/orders/{id}/timeline': async (req) => ok({ timeline: await orderTimeline(conditions, orderId(req), callerOf(req), clock.now()) }),
});
