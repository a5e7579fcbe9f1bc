import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { FunctionName } from '../../shared/functions.js';
import { CANARY_ALARM_MINUTES } from '../../shared/canary.js';
import { CANARY_ARRIVED_METRIC, OPS_NAMESPACE, opsMetrics, type OpsMetricDecl, type OpsMetricName } from '../../shared/ops-metrics.js';
import { routes } from '../../shared/routes.js';

export interface OpsAlarmsProps {
  functionNames: readonly FunctionName[];
  opsTopic: ITopic;
  /** Alarm when no pipeline canary arrived (shared/canary.ts) at this receiver. */
  canaryReceiver?: FunctionName;
}

/**
 * An alarm on the operations topic as soon as one period's figure is above `threshold` (0: any at all);
 * missing data is no failure. Every "this must not happen" alarm of both stacks is one of these.
 */
export function alarmAbove(scope: Construct, id: string, props: { description: string; metric: IMetric; topic: ITopic; threshold?: number }): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold ?? 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(props.topic));
  return alarm;
}

/** The functions that emit a metric: its declared list, or every function behind a route. */
export function emittersOf(decl: OpsMetricDecl, functionNames: readonly FunctionName[]): FunctionName[] {
  if (decl.emittedBy !== 'api') return [...decl.emittedBy];
  const withRoutes = new Set<FunctionName>(routes.map((r) => r.function));
  withRoutes.add('health'); // the $default route
  return functionNames.filter((f) => withRoutes.has(f));
}

/**
 * One alarm per operational metric (shared/ops-metrics.ts) and emitting function, on the operations
 * topic: as soon as one failure is counted in a minute. The metric's `service` dimension is the
 * function's POWERTOOLS_SERVICE_NAME.
 */
export class OpsAlarms extends Construct {
  readonly alarms: { metric: OpsMetricName; function: FunctionName; alarm: Alarm }[] = [];

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    for (const [key, decl] of Object.entries(opsMetrics) as [OpsMetricName, OpsMetricDecl][]) {
      for (const fn of emittersOf(decl, props.functionNames)) {
        const alarm = alarmAbove(this, `${decl.name}-${fn}`, {
          description: `OneRoof ${fn}: ${decl.alarm}`,
          metric: new Metric({
            namespace: OPS_NAMESPACE,
            metricName: decl.name,
            dimensionsMap: { service: `oneroof-${fn}` },
            statistic: 'Sum',
            period: Duration.minutes(1),
          }),
          topic: props.opsTopic,
        });
        this.alarms.push({ metric: key, function: fn, alarm });
      }
    }
    if (props.canaryReceiver) {
      // Missing data is the failure here: no canary means the alert path is broken somewhere.
      this.canary = new Alarm(this, 'CanaryMissing', {
        alarmDescription: `No pipeline canary reached the police topic's canary subscriber for ${CANARY_ALARM_MINUTES} minutes: alerts may not be reaching police`,
        metric: new Metric({
          namespace: OPS_NAMESPACE,
          metricName: CANARY_ARRIVED_METRIC,
          dimensionsMap: { service: `oneroof-${props.canaryReceiver}` },
          statistic: 'Sum',
          period: Duration.minutes(CANARY_ALARM_MINUTES),
        }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.BREACHING,
      });
      this.canary.addAlarmAction(new SnsAction(props.opsTopic));
    }
  }

  canary: Alarm | undefined;
}
