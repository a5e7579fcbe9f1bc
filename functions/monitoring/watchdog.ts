import { TABLE_ENV } from '../../shared/table.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { DynamoMonitoringRepository } from './repository.js';
import { watchdogTick } from './use-cases.js';

const repo = new DynamoMonitoringRepository(requireEnv(TABLE_ENV));

/** Scheduled every minute: signal loss (no position for N minutes) and curfew window starts of active orders. */
export const handler = async (): Promise<{ orders: number; alerts: number }> => {
  const out = await watchdogTick(repo, clock.now());
  logger.info('Watchdog', { orders: out.orders, alerts: out.alerts.length });
  return { orders: out.orders, alerts: out.alerts.length };
};
