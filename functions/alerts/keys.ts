import { SEVERITY_RANK, shardOf, type Severity } from '../../shared/zones/index.js';
import { WORK_SHARDS } from '../../shared/table.js';
import { prefixes as P } from '../../shared/partitions.js';

/**
 * Keys of alerts and their escalations in the one table (documented in functions/alerts/README.md).
 * Orders keep theirs in functions/orders/keys.ts, monitoring in functions/monitoring/keys.ts.
 * Nothing else builds these strings.
 */
export const keys = {
  alert: (id: string) => ({ pk: `${P.alert}${id}`, sk: 'ALERT' }),
  escalation: (alertId: string, level: number) => ({ pk: `${P.alert}${alertId}`, sk: `ESCALATION#${String(level).padStart(3, '0')}` }),
  escalationPrefix: 'ESCALATION#',
  openAlertsIndex: (district: string, severity: Severity, at: string, id: string) => ({
    gsi1pk: `${P.openAlerts}${district}`,
    gsi1sk: `${SEVERITY_RANK[severity]}#${at}#${id}`,
  }),
  openAlertsPk: (district: string) => `${P.openAlerts}${district}`,
  escalateIndex: (alertId: string, escalateAt: string) => ({
    gsi2pk: `${P.escalate}${shardOf(alertId, WORK_SHARDS)}`,
    gsi2sk: `${escalateAt}#${alertId}`,
  }),
  escalatePk: (shard: number) => `${P.escalate}${shard}`,
};
