import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { TABLE_ENV } from '../../shared/table.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { DynamoMonitoringRepository } from './repository.js';
import { watchdogTick } from './use-cases.js';

const repo = new DynamoMonitoringRepository(requireEnv(TABLE_ENV));

/** Scheduled every minute: signal loss (no position for N minutes) and curfew window starts of active orders. */
export const handler = middy<ScheduledEvent | undefined, { orders: number; alerts: number }>()
  .use(lambdaContextLogging())
  .handler(async () => {
    const out = await watchdogTick(repo, clock.now());
    if (out.alerts.length > 0) logger.info('Watchdog raised alerts', { orders: out.orders, alerts: out.alerts.map((a) => a.id) });
    return { orders: out.orders, alerts: out.alerts.length };
  });
