import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alertItem, newAlert } from '../../functions/alerts/model.js';
import { publishRecords } from '../../functions/alerts/publisher.js';
import { DynamoAlertRepository } from '../../functions/alerts/repository.js';
import { runFollowupTick } from '../../functions/followups/tick.js';
import { MAX_ATTEMPTS } from '../../functions/followups/queue.js';
import { dynamo } from '../../functions/lib/clients.js';
import { httpApi } from '../../functions/lib/http.js';
import { flushMetrics } from '../../functions/lib/metrics.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { OPS_NAMESPACE, opsMetrics, type OpsMetricName } from '../../shared/ops-metrics.js';
import { apiEvent, lambdaContext } from '../support/events.js';
import { failPublishes } from '../support/sns-inbox.js';
import { call, caseBody, freshZone, staffIn } from './cases-support.js';
import { insertRecords, itemsOf, TABLE, unique } from './monitoring-support.js';

/**
 * Each handled failure is a metric: the fault is injected for real (the local SNS fault switch, a table
 * that does not exist) and the EMF lines the function writes to stdout — what CloudWatch turns into
 * metrics — are captured and read.
 */
let lines: string[] = [];
beforeEach(async () => {
  lines = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  });
  await failPublishes(0);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await failPublishes(0);
});

/** The values of one ops metric in the captured EMF lines (each line: `_aws.CloudWatchMetrics` + the value). */
function emitted(name: OpsMetricName): number[] {
  const metric = opsMetrics[name].name;
  const out: number[] = [];
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    const json = JSON.parse(line) as { _aws?: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string; Unit: string }[] }[] } } & Record<
      string,
      unknown
    >;
    const set = json._aws?.CloudWatchMetrics.find((m) => m.Namespace === OPS_NAMESPACE && m.Metrics.some((x) => x.Name === metric));
    if (!set) continue;
    expect(set.Metrics.find((x) => x.Name === metric)?.Unit).toBe('Count');
    expect(json.service).toEqual(expect.any(String));
    // A metric added several times before one flush is a list of values.
    const value = json[metric];
    out.push(...(Array.isArray(value) ? value.map(Number) : [Number(value)]));
  }
  return out;
}

const repo = new DynamoAlertRepository(TABLE);
const notifier = new SnsNotifier(['policeAlerts', 'supervisorEscalations']);

async function storedAlert(raisedMinutesAgo = 0) {
  const at = new Date(Date.now() - raisedMinutesAgo * 60_000);
  const alert = newAlert({ kind: 'zone', severity: 'high', at: at.toISOString(), zoneLabel: 'home' }, { id: unique('ORD'), district: unique('d') }, at);
  await dynamo.send(new PutCommand({ TableName: TABLE, Item: alertItem(alert) }));
  return { alert, records: insertRecords(await itemsOf(`ALERT#${alert.id}`)) };
}

describe('operational metrics (EMF)', () => {
  it('Api5xx: an API call that fails on our side (a table that does not exist)', async () => {
    const api = httpApi('health', {
      'GET /api/health': async () => {
        await dynamo.send(new GetCommand({ TableName: 'oneroof-no-such-table', Key: { pk: 'x', sk: 'y' } }));
        return { status: 200, body: {} };
      },
      'GET /api/openapi.json': async () => ({ status: 200, body: {} }),
    });
    const res = await api(apiEvent({ method: 'GET', path: '/api/health' }), lambdaContext());
    expect(res.statusCode).toBe(500);
    expect(emitted('api5xx')).toEqual([1]);
  });

  it('Api5xx is not counted for a 4xx', async () => {
    const api = httpApi('health', {
      'GET /api/health': async () => ({ status: 404, body: {} }),
      'GET /api/openapi.json': async () => ({ status: 200, body: {} }),
    });
    await api(apiEvent({ method: 'GET', path: '/api/health' }), lambdaContext());
    expect(emitted('api5xx')).toEqual([]);
  });

  it('PublishFailures and StreamRecordsFailed: SNS rejects the outbox publish', async () => {
    const { records } = await storedAlert();
    await failPublishes(-1);
    const out = await publishRecords(records, repo, notifier, () => new Date());
    flushMetrics();
    expect(out.batchItemFailures).toHaveLength(1);
    expect(emitted('publishFailures')).toEqual([1]);
    expect(emitted('streamRecordsFailed')).toEqual([1]);
  });

  it('AlertsPublishedLate: an alert reaching SNS more than 60 s after it was written', async () => {
    const { records } = await storedAlert(2);
    await publishRecords(records, repo, notifier, () => new Date());
    flushMetrics();
    expect(emitted('alertsPublishedLate')).toEqual([1]);
    expect(emitted('publishFailures')).toEqual([]);
  });

  it('FollowupsDeadLettered: a reminder that SNS rejects on every attempt', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const c = (await call('POST', '/api/cases', olivia, caseBody(zone, { riskLevel: 'high' }))).json;
    const due = new Date(Date.now() + 1_000).toISOString();
    await call('POST', `/api/cases/${c.id}/followups/${c.followups[0].id}/reschedule`, olivia, { dueAt: due });
    await failPublishes(-1);
    const deps = { table: TABLE, client: dynamo, notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']), graceMinutes: 60 };
    let at = new Date(Date.now() + 5_000);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await runFollowupTick(deps, at);
      at = new Date(at.getTime() + 31 * 60_000);
    }
    flushMetrics();
    expect(emitted('publishFailures').reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(MAX_ATTEMPTS);
    expect(emitted('followupsDeadLettered').reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });
});
