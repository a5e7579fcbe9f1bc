// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { TABLE_ENV } from '../../shared/table.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { runsAs } from '../lib/table-access.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { DynamoMonitoringRepository } from './repository.js';
import { watchdogTick } from './use-cases.js';

const repo = new DynamoMonitoringRepository(requireEnv(TABLE_ENV));

/** Time kept back from the invocation's remaining time to finish the order being checked. */
export const WATCHDOG_RESERVE_MS = 5_000;

/** Scheduled every minute: signal loss (no position for N minutes) and curfew window starts of active orders. */
export const handler = middy<ScheduledEvent | undefined, { orders: number; alerts: number; deferred: number }, Error, Context>()
  .use(lambdaContextLogging())
  .handler(
    runsAs('watchdog', async (_event: ScheduledEvent | undefined, context: Context) => {
      const out = await watchdogTick(repo, clock.now(), Date.now() + context.getRemainingTimeInMillis() - WATCHDOG_RESERVE_MS);
      if (out.alerts.length > 0) logger.info('Watchdog raised alerts', { orders: out.orders, alerts: out.alerts.map((a) => a.id) });
      if (out.deferred > 0) logger.warn('Watchdog ran out of time; the rest waits for the next tick', { orders: out.orders, deferred: out.deferred });
      return { orders: out.orders, alerts: out.alerts.length, deferred: out.deferred };
    }),
  );
