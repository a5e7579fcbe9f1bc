import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { OPS_NAMESPACE, opsMetrics, type OpsMetricName } from '../../shared/ops-metrics.js';

/**
 * Operational metrics (shared/ops-metrics.ts) as CloudWatch EMF log lines: one Metrics instance per
 * function, its `service` dimension from POWERTOOLS_SERVICE_NAME (set per function by CDK).
 */
export const metrics = new Metrics({ namespace: OPS_NAMESPACE, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'oneroof' });

export function countFailure(name: OpsMetricName, count = 1): void {
  if (count > 0) metrics.addMetric(opsMetrics[name].name, MetricUnit.Count, count);
}

/** Writes what was counted (one EMF line); nothing when nothing was. Call at the end of each invocation. */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/** HTTP handlers: counts every 5xx answer (after the error mapper made it) and flushes. */
export function apiMetrics(): middy.MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  const done = (status: number | undefined) => {
    if (status === undefined || status >= 500) countFailure('api5xx');
    flushMetrics();
  };
  return {
    after: (request) => done(request.response?.statusCode ?? 200),
    onError: (request) => done(request.response?.statusCode),
  };
}
