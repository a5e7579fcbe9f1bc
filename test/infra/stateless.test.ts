import { Duration } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { afterAll, describe, expect, it } from 'vitest';
import { functions, tableGrants, type FunctionDecl, type FunctionName } from '../../shared/functions.js';
import { routeKey, routes } from '../../shared/routes.js';
import { QUEUE_NAMES, queues, visibilityTimeoutOf, type QueueName } from '../../shared/queues.js';
import { schedules, streamConsumers } from '../../shared/schedules.js';
import { contentSecurityPolicy, securityHeaders } from '../../shared/security-headers.js';
import { PERSONAL_DATA_KEY_ENV, SEALED_CONTEXT } from '../../shared/personal-data.js';
import { TABLE_ENV } from '../../shared/table.js';
import { topics, TOPIC_NAMES, type TopicName } from '../../shared/topics.js';
import { ACCESS_LOG_FIELDS } from '../../infra/aws/api.js';
import { emittersOf } from '../../infra/aws/ops-alarms.js';
import { OPS_NAMESPACE, opsMetrics, type OpsMetricDecl, type OpsMetricName } from '../../shared/ops-metrics.js';
import { actionsOf, resourcesOf, statementsOfRole, synthesize, type Statement } from './synth.js';

// One synthesis for the whole file, with cdk-nag in it.
const s = synthesize({}, { nag: true });
const t = s.statelessTemplate;
afterAll(() => s.dispose());

type Resource = { Properties: Record<string, unknown> };
const resources = (type: string) => t.findResources(type) as Record<string, Resource>;
const entries = Object.entries(functions) as [FunctionName, FunctionDecl][];

const fnId = (name: FunctionName) => s.logicalId(s.stateless.functions[name]);
const fnProps = (name: FunctionName) => (resources('AWS::Lambda::Function')[fnId(name)] as Resource).Properties;
const roleId = (name: FunctionName) => s.logicalId(s.stateless.functions[name].role!);
const statements = (name: FunctionName) => statementsOfRole(t, roleId(name));
const allows = (name: FunctionName) => statements(name).filter((st) => st.Effect === 'Allow');

const tableArn = { 'Fn::GetAtt': [s.logicalId(s.stateful.table), 'Arn'] };
const topicRef = (name: TopicName) => ({ Ref: s.logicalId(s.stateful.topics[name]) });
/** Resolves cross-stack imports and joins to compare resources with the stateful stack's. */
const resolved = (value: unknown): unknown => {
  const v = s.imported(value);
  if (v && typeof v === 'object' && 'Fn::Join' in v) {
    const [sep, parts] = (v as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    return { 'Fn::Join': [sep, parts.map((p) => s.imported(p))] };
  }
  return v;
};

describe('functions from shared/functions.ts', () => {
  it.each(entries)('%s runs Node.js 24 on ARM64 with tracing, its memory and timeout', (name, decl) => {
    const p = fnProps(name);
    expect(p.Runtime).toBe('nodejs24.x');
    expect(p.Architectures).toEqual(['arm64']);
    expect(p.TracingConfig).toEqual({ Mode: 'Active' });
    expect(p.Timeout).toBe(decl.timeoutSeconds ?? 10);
    expect(p.MemorySize).toBe(decl.memoryMb ?? 512);
    const vars = (p.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars).toMatchObject({ POWERTOOLS_SERVICE_NAME: `oneroof-${name}` });
    // Source maps would cost every cold start in production.
    expect(vars.NODE_OPTIONS).toBeUndefined();
  });

  it.each(entries)('%s logs to its own encrypted log group with a retention', (name) => {
    const logGroup = (fnProps(name).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    const lg = resources('AWS::Logs::LogGroup')[logGroup] as Resource;
    expect(s.imported(lg.Properties.KmsKeyId)).toEqual({ 'Fn::GetAtt': [s.logicalId(s.stateful.key), 'Arn'] });
    expect(lg.Properties.RetentionInDays).toBe(30);
    // No managed policy (AWSLambdaBasicExecutionRole): logs only to that group.
    const role = resources('AWS::IAM::Role')[roleId(name)] as Resource;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logWrites = allows(name).filter((st) => actionsOf(st).some((a) => a.startsWith('logs:')));
    expect(logWrites.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [logGroup, 'Arn'] }]);
  });

  it.each(entries)('%s gets exactly the variables of what it is bound to', (name, decl) => {
    const vars = (fnProps(name).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(TABLE_ENV in vars).toBe(decl.table !== 'none');
    if (decl.table !== 'none') expect(s.imported(vars[TABLE_ENV])).toEqual({ Ref: s.logicalId(s.stateful.table) });
    for (const topic of TOPIC_NAMES) {
      const envVar = topics[topic].envVar;
      if ((decl.publishes as readonly TopicName[]).includes(topic)) {
        expect(s.imported(vars[envVar]), `${name} ${envVar}`).toEqual(topicRef(topic));
      } else {
        expect(vars[envVar], `${name} ${envVar}`).toBeUndefined();
      }
    }
  });
});

describe('least privilege per function', () => {
  const dynamoActions = (name: FunctionName) =>
    allows(name).flatMap((st) => actionsOf(st).filter((a) => a.startsWith('dynamodb:') && !/Stream|GetRecords|GetShardIterator/.test(a)));

  it.each(entries.filter(([, d]) => d.table === 'read'))('%s reads the table and nothing more: no write, no publish', (name) => {
    const reads = new Set(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(dynamoActions(name).filter((a) => !reads.has(a))).toEqual([]);
    expect(dynamoActions(name)).toContain('dynamodb:Query');
    expect(allows(name).flatMap(actionsOf)).not.toContain('sns:Publish');
    // the table key to read; a secret's key only through Secrets Manager (kms:ViaService)
    const kms = allows(name).filter(
      (st) => actionsOf(st).some((a) => a.startsWith('kms:')) && !(st.Condition?.StringEquals as Record<string, unknown> | undefined)?.['kms:ViaService'],
    );
    expect(kms.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
  });

  it.each(entries.filter(([, d]) => d.table === 'none'))('%s has no table access', (name) => {
    expect(dynamoActions(name)).toEqual([]);
  });

  it.each(entries.filter(([, d]) => d.table !== 'none'))('%s reaches only the table and its declared indexes, never by Scan', (name) => {
    const tableStatements = allows(name).filter((st) =>
      actionsOf(st).some((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams' && !/Stream|GetRecords|GetShardIterator/.test(a)),
    );
    const targets = tableStatements.flatMap(resourcesOf).map(resolved);
    for (const target of targets) expect(JSON.stringify(target)).toContain(JSON.stringify(tableArn).slice(1, -1));
    expect(JSON.stringify(targets)).not.toContain('/index/*');
    expect(dynamoActions(name)).not.toContain('dynamodb:Scan');
  });

  /** The table's or an index's ARN as the role statement names it, back in the stateful stack's terms. */
  const indexArn = (index: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${index}`]] });
  const tableStatementsOf = (name: FunctionName) =>
    allows(name).filter((st) =>
      actionsOf(st).some((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams' && !/Stream|GetRecords|GetShardIterator/.test(a)),
    );

  it.each(entries.filter(([, d]) => d.table !== 'none'))(
    '%s reaches only its declared partitions (dynamodb:LeadingKeys from shared/functions.ts)',
    (name, decl) => {
      const grants = tableGrants(name, decl.table as 'read' | 'readWrite', decl.keys ?? {});
      const expected: Record<string, { actions: string[]; resource: unknown; patterns: string[]; present: boolean }> = {};
      // On the table the key must also be present (ForAllValues holds for an empty set).
      const onTable = (actions: string[], patterns: string[]) => ({ actions, resource: tableArn, patterns, present: true });
      if (grants.read.length > 0)
        expected.TableRead = onTable(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'], grants.read);
      if (grants.write.length > 0)
        expected.TableWrite = onTable(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], grants.write);
      for (const [index, patterns] of Object.entries(grants.query)) {
        expected[`Query${index.charAt(0).toUpperCase()}${index.slice(1)}`] = {
          actions: ['dynamodb:Query'],
          resource: indexArn(index),
          patterns: patterns ?? [],
          present: false,
        };
      }
      const found = tableStatementsOf(name);
      // Every statement that reaches the table is one of these, with exactly its condition: no other way in.
      expect(found.map((st) => st.Sid).sort()).toEqual(Object.keys(expected).sort());
      for (const st of found) {
        const want = expected[st.Sid as string]!;
        expect([...actionsOf(st)].sort(), `${name} ${st.Sid}`).toEqual(want.actions);
        expect(resolved(st.Resource), `${name} ${st.Sid}`).toEqual(want.resource);
        expect(st.Condition, `${name} ${st.Sid}`).toEqual({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': want.patterns },
          ...(want.present ? { Null: { 'dynamodb:LeadingKeys': 'false' } } : {}),
        });
        // A prefix is never so short that it reaches every partition.
        for (const p of want.patterns) expect(p, `${name} ${st.Sid}`).toMatch(/^[A-Z]+(#[A-Za-z#-]*)?\*?$/);
      }
      // Stand-ins of the local stack (the table-held case-reference key) are never granted in AWS.
      expect(JSON.stringify(found)).not.toContain('SECRET#');
    },
  );

  it('every function with table access declares its partitions, and read-only ones write none', () => {
    for (const [name, decl] of entries) {
      if (decl.table === 'none') {
        expect(decl.keys, name).toBeUndefined();
        continue;
      }
      expect(decl.keys, name).toBeDefined();
      expect(() => tableGrants(name, decl.table as 'read' | 'readWrite', decl.keys ?? {}), name).not.toThrow();
    }
    expect(() => tableGrants('reports', 'read', { write: ['STATS#*'] })).toThrow(/read-only/);
    expect(() => tableGrants('audit', 'readWrite', { read: ['AUDIT#*'] })).toThrow(/without a partition to write/);
  });

  it.each(entries.filter(([, d]) => d.table !== 'none'))('%s cannot update or delete audit records', (name) => {
    const deny = statements(name).find((st) => st.Effect === 'Deny') as Statement | undefined;
    expect(deny).toBeDefined();
    expect(actionsOf(deny!)).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete']),
    );
    // Appending stays possible (auditPut / recordAudit), and so do reads.
    expect(actionsOf(deny!)).not.toContain('dynamodb:PutItem');
    expect(actionsOf(deny!).some((a) => /Get|Query/.test(a))).toBe(false);
    expect(resolved(deny!.Resource)).toEqual(tableArn);
    expect(deny!.Condition).toEqual({ 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } });
  });

  it.each(entries)('%s publishes to exactly its declared topics', (name, decl) => {
    const published = allows(name)
      .filter((st) => actionsOf(st).includes('sns:Publish'))
      .flatMap(resourcesOf)
      .map(resolved);
    expect(published).toHaveLength(decl.publishes.length);
    expect(new Set(published.map((p) => JSON.stringify(p)))).toEqual(new Set(decl.publishes.map((topic) => JSON.stringify(topicRef(topic)))));
  });

  it('grants no wildcard resource except X-Ray (and ListStreams for stream consumers)', () => {
    for (const [name] of entries) {
      for (const st of allows(name)) {
        if (resourcesOf(st).includes('*')) {
          expect(
            actionsOf(st).every((a) => a.startsWith('xray:') || a === 'dynamodb:ListStreams'),
            `${name}: ${actionsOf(st).join(',')}`,
          ).toBe(true);
        }
      }
    }
  });
});

describe('personal-data key, from the personalData declarations', () => {
  const personalKeyArn = { 'Fn::GetAtt': [s.logicalId(s.stateful.personalDataKey), 'Arn'] };
  const onPersonalKey = (name: FunctionName) =>
    allows(name).filter((st) => resourcesOf(st).some((r) => JSON.stringify(resolved(r)) === JSON.stringify(personalKeyArn)));
  const kindsFor = (name: FunctionName, action: string) =>
    onPersonalKey(name)
      .filter((st) => actionsOf(st).includes(action))
      .flatMap((st) => (st.Condition as { StringEquals: Record<string, string[]> }).StringEquals[`kms:EncryptionContext:${SEALED_CONTEXT.kind}`] ?? []);

  it.each(entries)('%s may seal and open exactly the kinds it declares, and nothing else with that key', (name, decl) => {
    const access = decl.personalData ?? { seal: [], open: [] };
    expect(kindsFor(name, 'kms:GenerateDataKey').sort()).toEqual([...access.seal].sort());
    expect(kindsFor(name, 'kms:Decrypt').sort()).toEqual([...access.open].sort());
    // Every statement on the key is one action under a kind condition: no unconditioned use, no Encrypt*/ReEncrypt*/wildcard.
    for (const st of onPersonalKey(name)) {
      expect(actionsOf(st)).toHaveLength(1);
      expect(['kms:GenerateDataKey', 'kms:Decrypt']).toContain(actionsOf(st)[0]);
      expect(Object.keys((st.Condition as { StringEquals: Record<string, unknown> }).StringEquals)).toEqual([`kms:EncryptionContext:${SEALED_CONTEXT.kind}`]);
    }
    const vars = (fnProps(name).Environment as { Variables: Record<string, unknown> }).Variables;
    if (decl.personalData) expect(s.imported(vars[PERSONAL_DATA_KEY_ENV])).toEqual(personalKeyArn);
    else expect(vars[PERSONAL_DATA_KEY_ENV]).toBeUndefined();
  });

  it('lets only the functions that show personal fields decrypt them; the stream publisher, ticks, reports and audit cannot', () => {
    const decrypting = entries
      .filter(([name]) => kindsFor(name, 'kms:Decrypt').length > 0)
      .map(([name]) => name)
      .sort();
    expect(decrypting).toEqual(['alerts', 'bookings', 'cases', 'fjc', 'interventions', 'monitoring', 'orders', 'space', 'watchdog']);
    for (const name of ['alertPublisher', 'alertTick', 'followupTick', 'fjcTick', 'reports', 'audit', 'catalog', 'health'] as const)
      expect(onPersonalKey(name)).toEqual([]);
    // The police alert view opens alerts only: never a booking, a case or an order.
    expect(kindsFor('alerts', 'kms:Decrypt')).toEqual(['alert']);
    // The FJC function opens family cases and what she shared from her space: never a police case, a booking or an order.
    expect(kindsFor('fjc', 'kms:Decrypt')).toEqual(['fjc', 'spaceShare']);
    // The intervention view opens interventions only: the case it opened is read through the cases function.
    expect(kindsFor('interventions', 'kms:Decrypt')).toEqual(['intervention']);
    // Her space's function opens the officer's copy of a call-back, and her police case to replace its
    // safe-contact block: never a share, a family case, a booking or an order.
    expect(kindsFor('space', 'kms:Decrypt').sort()).toEqual(['case', 'spaceCallback']);
  });
});

describe('HTTP API from shared/routes.ts', () => {
  const routeResources = Object.values(resources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
  const authorizers = resources('AWS::ApiGatewayV2::Authorizer');
  const integrations = resources('AWS::ApiGatewayV2::Integration');
  const clientRef = (client: 'staffConsoleClient' | 'monitoringClient') => ({ Ref: s.logicalId(s.stateful.identity[client]) });
  const issuer = { 'Fn::GetAtt': [s.logicalId(s.stateful.identity.userPool), 'ProviderURL'] };
  const targetFunction = (route: Record<string, unknown>) => {
    const integrationId = (route.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref;
    return ((integrations[integrationId] as Resource).Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  };

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s exists and reaches its function', (key, route) => {
    const found = routeResources.filter((r) => r.RouteKey === key);
    expect(found).toHaveLength(1);
    expect(targetFunction(found[0]!)).toBe(fnId(route.function));
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s has the authorizer its access needs', (key, route) => {
    const r = routeResources.find((x) => x.RouteKey === key)!;
    if (route.access.kind === 'public') {
      expect(r.AuthorizationType).toBe('NONE');
      expect(r.AuthorizerId).toBeUndefined();
      return;
    }
    expect(r.AuthorizationType).toBe('JWT');
    const authorizer = (authorizers[(r.AuthorizerId as { Ref: string }).Ref] as Resource).Properties;
    const jwt = authorizer.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(s.imported(jwt.Issuer)).toEqual(issuer);
    if (route.access.kind === 'staff') {
      expect(jwt.Audience.map((a) => s.imported(a))).toEqual([clientRef('staffConsoleClient')]);
      expect(r.AuthorizationScopes).toBeUndefined();
    } else {
      expect(jwt.Audience.map((a) => s.imported(a))).toEqual([clientRef('monitoringClient')]);
      expect(r.AuthorizationScopes).toEqual([route.access.scope]);
    }
  });

  it('sends every other request to the health function ($default, 404/405 JSON)', () => {
    const fallback = routeResources.find((r) => r.RouteKey === '$default')!;
    expect(targetFunction(fallback)).toBe(fnId('health'));
    expect(routeResources).toHaveLength(routes.length + 1);
  });

  it('uses one Lambda integration per function', () => {
    const uris = Object.values(integrations).map((i) => JSON.stringify(i.Properties.IntegrationUri));
    expect(new Set(uris).size).toBe(uris.length);
  });

  it('throttles the default stage and logs access without anything about the caller', () => {
    const [stage] = Object.values(resources('AWS::ApiGatewayV2::Stage'));
    const p = stage!.Properties;
    expect(p.StageName).toBe('$default');
    expect(p.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const logs = p.AccessLogSettings as { Format: string; DestinationArn: { 'Fn::GetAtt': [string, string] } };
    const format = JSON.parse(logs.Format) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(Object.keys(format)).toEqual(expect.arrayContaining(['requestId', 'routeKey', 'status', 'responseLatency']));
    for (const v of Object.values(format)) expect(v).not.toMatch(/identity|sourceIp|userAgent|path|querystring|header|claims|user/i);
    const lg = resources('AWS::Logs::LogGroup')[logs.DestinationArn['Fn::GetAtt'][0]] as Resource;
    expect(lg.Properties.KmsKeyId).toBeDefined();
  });
});

describe('schedules and stream consumers from shared/schedules.ts', () => {
  it.each(schedules.map((sc) => [sc.name, sc] as const))('%s runs its function at its rate', (_name, schedule) => {
    // as CDK writes it: rate(1 minute), rate(5 minutes), rate(1 day)
    const expression = Schedule.rate(Duration.minutes(schedule.everyMinutes)).expressionString;
    const rules = Object.values(resources('AWS::Events::Rule')).filter(
      (r) => r.Properties.ScheduleExpression === expression && JSON.stringify(r.Properties.Targets).includes(`"${fnId(schedule.function)}"`),
    );
    expect(rules).toHaveLength(1);
  });

  it.each(streamConsumers.map((c) => [c.name, c] as const))(
    '%s reads the table stream, filtered, with retries and an encrypted failure queue',
    (_name, consumer) => {
      const mappings = Object.values(resources('AWS::Lambda::EventSourceMapping')).filter(
        (m) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: fnId(consumer.function) }),
      );
      expect(mappings).toHaveLength(1);
      const p = mappings[0]!.Properties;
      expect(s.imported(p.EventSourceArn)).toEqual({ 'Fn::GetAtt': [s.logicalId(s.stateful.table), 'StreamArn'] });
      expect(p).toMatchObject({
        BatchSize: consumer.batchSize,
        MaximumRetryAttempts: consumer.retryAttempts,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const patterns = (p.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) => JSON.parse(f.Pattern) as unknown);
      expect(patterns).toEqual([{ eventName: [...consumer.eventNames], dynamodb: { NewImage: { type: { S: [...consumer.entityTypes] } } } }]);
      const queueId = (p.DestinationConfig as { OnFailure: { Destination: { 'Fn::GetAtt': [string, string] } } }).OnFailure.Destination['Fn::GetAtt'][0];
      const queue = resources('AWS::SQS::Queue')[queueId] as Resource;
      expect(queue.Properties.SqsManagedSseEnabled ?? queue.Properties.KmsMasterKeyId).toBeTruthy();
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      });
    },
  );
});

describe('work queues from shared/queues.ts', () => {
  const queueArn = (name: QueueName) => ({ 'Fn::GetAtt': [s.logicalId(s.stateless.queues[name].queue), 'Arn'] });
  const deadLettersArn = (name: QueueName) => ({ 'Fn::GetAtt': [s.logicalId(s.stateless.queues[name].deadLetters), 'Arn'] });
  const workQueueArns = new Set(QUEUE_NAMES.flatMap((q) => [queueArn(q), deadLettersArn(q)]).map((a) => JSON.stringify(a)));
  /** Statements on a work queue or its dead letters (a stream consumer's own failure queue is another matter). */
  const sqsStatements = (name: FunctionName) =>
    allows(name).filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')) && resourcesOf(st).some((r) => workQueueArns.has(JSON.stringify(r))));

  it.each(QUEUE_NAMES)('%s: encrypted, HTTPS only, a visibility timeout of six consumer timeouts, a dead-letter queue with an alarm', (name) => {
    const decl = queues[name];
    const queue = (resources('AWS::SQS::Queue')[s.logicalId(s.stateless.queues[name].queue)] as Resource).Properties;
    const deadLettersId = s.logicalId(s.stateless.queues[name].deadLetters);
    expect(queue).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: visibilityTimeoutOf(name),
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] }, maxReceiveCount: decl.maxReceiveCount },
    });
    expect((resources('AWS::SQS::Queue')[deadLettersId] as Resource).Properties.SqsManagedSseEnabled).toBe(true);
    for (const id of [s.logicalId(s.stateless.queues[name].queue), deadLettersId]) {
      t.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      });
    }
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLettersId, 'QueueName'] } }],
    });
  });

  it.each(QUEUE_NAMES)('%s feeds its consumer in batches, reporting failed items, at a bounded concurrency', (name) => {
    const decl = queues[name];
    const mappings = Object.values(resources('AWS::Lambda::EventSourceMapping')).filter(
      (m) => JSON.stringify(m.Properties.EventSourceArn) === JSON.stringify(queueArn(name)),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      FunctionName: { Ref: fnId(decl.consumer) },
      BatchSize: decl.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: decl.maxConcurrency },
    });
  });

  it.each(entries)('%s may send to exactly the queues it declares (their URL in its variable), and receive only from the queue it consumes', (name, decl) => {
    const sends = (decl.sends ?? []) as readonly QueueName[];
    const consumes = QUEUE_NAMES.filter((q) => queues[q].consumer === name);
    const vars = (fnProps(name).Environment as { Variables: Record<string, unknown> }).Variables;
    for (const q of QUEUE_NAMES) {
      if (sends.includes(q)) expect(vars[queues[q].envVar], `${name} ${q}`).toEqual({ Ref: s.logicalId(s.stateless.queues[q].queue) });
      else expect(vars[queues[q].envVar], `${name} ${q}`).toBeUndefined();
    }
    const found = sqsStatements(name);
    const sending = found.filter((st) => actionsOf(st).includes('sqs:SendMessage'));
    expect(sending.flatMap(actionsOf)).toEqual(sends.map(() => 'sqs:SendMessage'));
    expect(sending.flatMap(resourcesOf)).toEqual(sends.map(queueArn));
    const receiving = found.filter((st) => !actionsOf(st).includes('sqs:SendMessage'));
    expect(receiving.flatMap(resourcesOf)).toEqual(consumes.map(queueArn));
    for (const st of receiving) {
      expect([...actionsOf(st)].sort()).toEqual([
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
      ]);
    }
  });
});

describe('web front ends behind CloudFront', () => {
  const policy = resources('AWS::CloudFront::ResponseHeadersPolicy')[s.logicalId(s.stateless.web.staffHeaders)];
  const victimPolicy = resources('AWS::CloudFront::ResponseHeadersPolicy')[s.logicalId(s.stateless.web.headers)];
  const config = policy!.Properties.ResponseHeadersPolicyConfig as Record<string, Record<string, unknown>>;
  const sec = config.SecurityHeadersConfig as Record<string, Record<string, unknown>>;
  const cspOf = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : '<token>')).join('');

  it('the victim app sends the CSP of shared/security-headers.ts as it is: no staff sign-in domain', () => {
    const victim = victimPolicy!.Properties.ResponseHeadersPolicyConfig as Record<string, Record<string, Record<string, unknown>>>;
    expect(cspOf(victim.SecurityHeadersConfig!.ContentSecurityPolicy!.ContentSecurityPolicy)).toBe(contentSecurityPolicy);
  });

  it('the staff console sends the CSP of shared/security-headers.ts, plus the Cognito domain for the staff sign-in', () => {
    const csp = cspOf(sec.ContentSecurityPolicy!.ContentSecurityPolicy);
    for (const directive of contentSecurityPolicy.split(';').map((d) => d.trim())) {
      const [name] = directive.split(' ');
      const sent = csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
      expect(sent?.startsWith(directive), `${name}: ${sent}`).toBe(true);
    }
    expect(csp).toMatch(/connect-src 'self' https:\/\/<token>\.auth\.<token>\.amazoncognito\.com/);
    expect(csp).toMatch(/form-action 'self' https:\/\/<token>\.auth\.<token>\.amazoncognito\.com/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('sends HSTS for two years with subdomains and preload, no referrer, nosniff, frame denial, Permissions-Policy', () => {
    expect(sec.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true });
    expect(sec.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(sec.ContentTypeOptions).toEqual({ Override: true });
    expect(sec.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect((config.CustomHeadersConfig as { Items: unknown[] }).Items).toContainEqual({
      Header: 'Permissions-Policy',
      Value: securityHeaders['permissions-policy'],
      Override: true,
    });
  });

  const distribution = resources('AWS::CloudFront::Distribution')[s.logicalId(s.stateless.web.distribution)];
  const dc = distribution!.Properties.DistributionConfig as Record<string, unknown>;
  const staffDistribution = resources('AWS::CloudFront::Distribution')[s.logicalId(s.stateless.web.staffDistribution)];
  const staffDc = staffDistribution!.Properties.DistributionConfig as Record<string, unknown>;
  const behaviours = dc.CacheBehaviors as Record<string, unknown>[];
  const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
  const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

  it('serves the site from the private bucket with the headers, over HTTPS, logged', () => {
    const def = dc.DefaultCacheBehavior as Record<string, unknown>;
    expect(def.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(def.ResponseHeadersPolicyId).toEqual({ Ref: s.logicalId(s.stateless.web.headers) });
    expect(dc.Logging).toBeDefined();
    // Nothing of the staff console's on the victim app's distribution.
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(['/api/*', '/sw.js']);
    const sw = behaviours.find((b) => b.PathPattern === '/sw.js')!;
    expect(sw.CachePolicyId).toBe(CACHING_DISABLED);
    const origins = dc.Origins as { S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[];
    expect(origins.some((o) => o.S3OriginConfig && o.OriginAccessControlId)).toBe(true);
  });

  it('serves the staff console from its own distribution: another origin, its own headers, logged', () => {
    const def = staffDc.DefaultCacheBehavior as Record<string, unknown>;
    expect(def.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(def.ResponseHeadersPolicyId).toEqual({ Ref: s.logicalId(s.stateless.web.staffHeaders) });
    expect(staffDc.Logging).toMatchObject({ Prefix: 'cloudfront-staff/' });
    const staffBehaviours = staffDc.CacheBehaviors as Record<string, unknown>[];
    expect(staffBehaviours.map((b) => b.PathPattern).sort()).toEqual(['/api/*', '/staff/sw.js']);
    expect(staffBehaviours.find((b) => b.PathPattern === '/staff/sw.js')!.CachePolicyId).toBe(CACHING_DISABLED);
    const origins = staffDc.Origins as { S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[];
    expect(origins.some((o) => o.S3OriginConfig && o.OriginAccessControlId)).toBe(true);
  });

  it('sends /api/* of each distribution to the HTTP API uncached, every method, without the Host header, through its own route filter', () => {
    const filters = new Set<string>();
    for (const config of [dc, staffDc]) {
      const api = (config.CacheBehaviors as Record<string, unknown>[]).find((b) => b.PathPattern === '/api/*')!;
      expect(api.CachePolicyId).toBe(CACHING_DISABLED);
      expect(api.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
      expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']));
      expect(api.ViewerProtocolPolicy).toBe('https-only');
      filters.add(JSON.stringify((api.FunctionAssociations as { FunctionARN: unknown }[])[0]!.FunctionARN));
    }
    expect(filters.size).toBe(2);
  });

  it('keeps the bucket private, encrypted, versioned, logged and HTTPS-only', () => {
    const site = (resources('AWS::S3::Bucket')[s.logicalId(s.stateless.web.bucket)] as Resource).Properties;
    expect(site.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(site.BucketEncryption).toBeDefined();
    expect(site.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(site.LoggingConfiguration).toBeDefined();
    const policy = Object.values(resources('AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: s.logicalId(s.stateless.web.bucket) }),
    )!;
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });
});

describe('operational metrics', () => {
  const alarms = Object.values(resources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const cases = (Object.entries(opsMetrics) as [OpsMetricName, OpsMetricDecl][]).flatMap(([key, decl]) =>
    emittersOf(decl, Object.keys(functions) as FunctionName[]).map((fn) => [`${decl.name} of ${fn}`, key, fn] as const),
  );

  it('every API function emits Api5xx', () => {
    expect(
      cases
        .filter(([, key]) => key === 'api5xx')
        .map(([, , fn]) => fn)
        .sort(),
    ).toEqual([...new Set(routes.map((r) => r.function))].sort());
  });

  it.each(cases)('%s has an alarm on the operations topic', (_label, key, fn) => {
    const alarm = alarms.find(
      (a) => a.MetricName === opsMetrics[key].name && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'service', Value: `oneroof-${fn}` }]),
    );
    expect(alarm).toMatchObject({ Namespace: OPS_NAMESPACE, Statistic: 'Sum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', Period: 60 });
    expect(s.imported((alarm!.AlarmActions as unknown[])[0])).toEqual({ Ref: s.logicalId(s.stateful.opsTopic) });
  });
});

describe('pipeline canary', () => {
  it('subscribes the canary receiver to the police topic for canaries only, and alarms when none arrives', () => {
    const sub = Object.values(resources('AWS::SNS::Subscription')).find((r) => r.Properties.Protocol === 'lambda')!;
    expect(s.imported(sub.Properties.TopicArn)).toEqual({ Ref: s.logicalId(s.stateful.topics.policeAlerts) });
    expect(sub.Properties.FilterPolicy).toEqual({ kind: ['canary'] });
    expect(JSON.stringify(sub.Properties.Endpoint)).toContain(fnId('canaryReceiver'));
    const alarm = (resources('AWS::CloudWatch::Alarm')[s.logicalId(s.stateless.opsAlarms.canary!)] as Resource).Properties;
    expect(alarm).toMatchObject({ MetricName: 'CanaryArrived', ComparisonOperator: 'LessThanThreshold', Threshold: 1, TreatMissingData: 'breaching' });
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('has no unacknowledged finding', () => {
    expect(s.nag?.findings.filter((f) => f.startsWith('ERROR'))).toEqual([]);
    expect(s.nag?.ok).toBe(true);
  });
});
