import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SNSEvent } from 'aws-lambda';
import { CANARY_KIND } from '../../shared/canary.js';
import { CANARY_ARRIVED_METRIC } from '../../shared/ops-metrics.js';
import { logger } from '../lib/logger.js';
import { flushMetrics, metrics } from '../lib/metrics.js';

/**
 * Subscribed to the police topic with a filter on `kind: canary`: each canary that arrives is counted
 * (`CanaryArrived`); the alarm fires when none arrived for CANARY_ALARM_MINUTES.
 */
export const handler = async (event: SNSEvent): Promise<void> => {
  try {
    for (const record of event.Records) {
      if (record.Sns.MessageAttributes?.kind?.Value !== CANARY_KIND) {
        // The filter policy keeps everything else out; anything else here is a wiring fault worth seeing.
        logger.error('Not a canary on the canary subscription', { messageId: record.Sns.MessageId });
        continue;
      }
      metrics.addMetric(CANARY_ARRIVED_METRIC, MetricUnit.Count, 1);
      logger.info('Canary arrived', { alertId: record.Sns.MessageAttributes.alertId?.Value, publishedAt: record.Sns.Timestamp });
    }
  } finally {
    flushMetrics();
  }
};
