import {
  asList,
  asNumber,
  asObject,
  asString,
  at,
  each,
  entries,
  functions,
  list,
  property,
  refOf,
  render,
  statements,
  strings,
  target,
  text,
} from './cfn';
import { stageDashboard, widgetSubjects, widgetsOf } from './dashboard';
import { DEPLOY_RULES, type TrafficModel } from './deploy-rules';
import type { CfnObject, CfnValue, Stacks, Template } from './templates';

/**
 * Rules every packaged stage must satisfy before it may be deployed. Each rule reads all the
 * stacks of one stage and returns its violations, `<stack>: <what is wrong>`; none means it holds.
 */
export interface RuleContext {
  stage: string;
  /** The stage's storefront origins (params.yml `corsOrigins`). */
  origins: string[];
  /** The SSM parameters `npm run secrets` creates for the stage. */
  managedParameters?: string[];
  /** The traffic each stage is sized for (packages/sls-config/traffic-model.yml). */
  traffic?: Record<string, TrafficModel>;
}

export interface Rule {
  name: string;
  check(stacks: Stacks, context: RuleContext): string[];
}

/**
 * Actions that AWS cannot scope to a resource, so `Resource: '*'` is the only possible grant.
 * Each entry says why; anything else with a wildcard resource is a violation.
 */
export const WILDCARD_RESOURCE_ALLOWLIST: Record<string, string> = {
  'xray:PutTraceSegments': 'X-Ray has no resource-level permissions for sending traces',
  'xray:PutTelemetryRecords': 'X-Ray has no resource-level permissions for telemetry',
  'cloudwatch:PutMetricData': 'CloudWatch metrics have no resource ARN (a namespace condition is the only scope)',
  'ec2:CreateNetworkInterface': 'a VPC function creates its interfaces before their ids exist',
  'ec2:DescribeNetworkInterfaces': 'Describe* actions of EC2 support no resource-level permissions',
  'ec2:DeleteNetworkInterface': 'a VPC function deletes interfaces it cannot name in advance',
};

/** `*`, or an ARN naming every resource of a type (`function:*`, `table/*`, `arn:aws:s3:::*`). */
export function isWildcardResource(resource: CfnValue | undefined): boolean {
  const value = text(resource);
  return (
    value === '*' ||
    /(^|:)(function|log-group|parameter|userpool|event-bus|identity|table|queue|topic|secret|key):?\/?\*$/.test(
      value,
    ) ||
    /:s3:::\*/.test(value)
  );
}

/** Functions the framework adds for its own custom resources, not written in a serverless.yml. */
const isFrameworkFunction = (id: string) => id.startsWith('CustomDashresource');

/**
 * The queues a template uses as dead-letter queues: on-failure destinations, a rule's or a
 * function's dead-letter config, a queue's redrive target.
 */
export function deadLetterQueues(template: Template): Set<string> {
  const queues = new Set<string>();
  const add = (value: CfnValue | undefined) => {
    const id = target(value);
    if (id && template.Resources[id]?.Type === 'AWS::SQS::Queue') queues.add(id);
  };
  for (const [, config] of entries(template, 'AWS::Lambda::EventInvokeConfig'))
    add(property(config, 'DestinationConfig', 'OnFailure', 'Destination'));
  for (const [, mapping] of entries(template, 'AWS::Lambda::EventSourceMapping'))
    add(property(mapping, 'DestinationConfig', 'OnFailure', 'Destination'));
  for (const [, rule] of entries(template, 'AWS::Events::Rule'))
    for (const ruleTarget of asList(property(rule, 'Targets'))) add(at(ruleTarget, 'DeadLetterConfig', 'Arn'));
  for (const [, queue] of entries(template, 'AWS::SQS::Queue'))
    add(property(queue, 'RedrivePolicy', 'deadLetterTargetArn'));
  for (const [, fn] of functions(template)) add(property(fn, 'DeadLetterConfig', 'TargetArn'));
  return queues;
}

/**
 * An alarm notifies the stage's alarm topic: a `Ref` to it (the api stack), its compose output or
 * its export `estore-<stage>-AlarmTopicArn` (the others), or its ARN.
 */
function notifiesAlarmTopic(alarm: CfnObject): boolean {
  const actions = asList(alarm.AlarmActions).map(text);
  return actions.length > 0 && actions.every((action) => /AlarmTopic|:sns:.*-alarms$/.test(action));
}

/** The business metrics and API metrics the stage's dashboard must chart (issue 21). */
const DASHBOARD_METRICS = [
  'OrderPlaced',
  'OrderPaid',
  'Revenue',
  'CheckoutRejected',
  'SweepDue',
  'SweepSettled',
  'SweepRescheduled',
  'SweepFailed',
  'Latency',
  '5xx',
];

export const RULES: Rule[] = [
  {
    name: 'every function has its own IAM role',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        const users = new Map<string, string[]>();
        for (const [id, fn] of functions(template)) {
          const role = target(property(fn, 'Role'));
          if (!role || template.Resources[role]?.Type !== 'AWS::IAM::Role')
            violations.push(`${stack}: ${id} has no role of this stack`);
          else users.set(role, [...(users.get(role) ?? []), id]);
        }
        for (const [role, ids] of users)
          if (ids.length > 1) violations.push(`${stack}: ${ids.join(', ')} share the role ${role}`);
      }
      return violations;
    },
  },
  {
    name: 'no IAM statement has a wildcard action, and a wildcard resource only for actions that cannot be scoped',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, id, statement] of statements(stacks)) {
        if (statement.Effect !== 'Allow') continue;
        if (statement.NotAction) violations.push(`${stack}: ${id} allows NotAction`);
        const actions = statement.Action;
        for (const action of actions)
          if (action.includes('*')) violations.push(`${stack}: ${id} allows the wildcard action ${action}`);
        if (asList(statement.Resource).some(isWildcardResource)) {
          for (const action of actions) {
            if (!WILDCARD_RESOURCE_ALLOWLIST[action])
              violations.push(`${stack}: ${id} allows ${action} on a wildcard resource`);
          }
        }
      }
      return violations;
    },
  },
  {
    name: 'events:PutEvents is scoped to the bus and conditioned on events:source',
    check(stacks, { stage }) {
      const violations: string[] = [];
      for (const [stack, id, statement] of statements(stacks)) {
        if (!statement.Action.includes('events:PutEvents')) continue;
        const resources = asList(statement.Resource);
        const onBus =
          resources.length > 0 &&
          resources.every(
            (resource) =>
              /^\$\{EventBus\.Arn\}$/.test(text(resource)) || text(resource).endsWith(`:event-bus/estore-${stage}`),
          );
        if (!onBus)
          violations.push(
            `${stack}: ${id} may put events on ${resources.map(text).join(', ')}, not only the bus estore-${stage}`,
          );
        const source = at(statement.Condition, 'StringEquals', 'events:source');
        if (!source || asList(source).some((value) => typeof value !== 'string' || value.includes('*'))) {
          violations.push(`${stack}: ${id} may put events of any source (no events:source condition)`);
        }
      }
      return violations;
    },
  },
  {
    name: 'tables are on demand with point-in-time recovery, and protected from deletion in prod',
    check(stacks, { stage }) {
      const violations: string[] = [];
      for (const [stack, id, table] of each(stacks, 'AWS::DynamoDB::Table')) {
        if (property(table, 'BillingMode') !== 'PAY_PER_REQUEST')
          violations.push(`${stack}: ${id} is not PAY_PER_REQUEST`);
        if (property(table, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled') !== true)
          violations.push(`${stack}: ${id} has no point-in-time recovery`);
        if (stage === 'prod') {
          if (property(table, 'DeletionProtectionEnabled') !== true)
            violations.push(`${stack}: ${id} has no deletion protection in prod`);
          if (table.DeletionPolicy !== 'Retain')
            violations.push(`${stack}: ${id} is not retained when its stack is deleted`);
          if (table.UpdateReplacePolicy !== 'Retain')
            violations.push(`${stack}: ${id} is not retained when it is replaced`);
        }
      }
      return violations;
    },
  },
  {
    name: 'every asynchronous function has a retry policy and an on-failure destination',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        const byName = new Map(functions(template).map(([id, fn]) => [property(fn, 'FunctionName'), id]));
        const asynchronous = new Set<string>();
        for (const [, rule] of entries(template, 'AWS::Events::Rule')) {
          for (const ruleTarget of asList(property(rule, 'Targets'))) {
            const id = target(at(ruleTarget, 'Arn'));
            if (id && template.Resources[id]?.Type === 'AWS::Lambda::Function') asynchronous.add(id);
          }
        }
        for (const [, custom] of entries(template, 'Custom::S3')) {
          const id = byName.get(property(custom, 'FunctionName'));
          if (id) asynchronous.add(id);
        }
        for (const [, bucket] of entries(template, 'AWS::S3::Bucket')) {
          for (const configuration of asList(property(bucket, 'NotificationConfiguration', 'LambdaConfigurations'))) {
            const id = target(at(configuration, 'Function'));
            if (id) asynchronous.add(id);
          }
        }
        for (const [, subscription] of entries(template, 'AWS::SNS::Subscription')) {
          const id = target(property(subscription, 'Endpoint'));
          if (property(subscription, 'Protocol') === 'lambda' && id) asynchronous.add(id);
        }
        const configs = entries(template, 'AWS::Lambda::EventInvokeConfig');
        for (const id of asynchronous) {
          const config = configs.find(([, resource]) => target(property(resource, 'FunctionName')) === id)?.[1];
          if (!config) violations.push(`${stack}: ${id} is invoked asynchronously but has no EventInvokeConfig`);
          else {
            if (typeof property(config, 'MaximumRetryAttempts') !== 'number')
              violations.push(`${stack}: ${id} has no MaximumRetryAttempts`);
            if (!property(config, 'DestinationConfig', 'OnFailure', 'Destination'))
              violations.push(`${stack}: ${id} has no on-failure destination`);
          }
        }
        // Streams are polled, not invoked asynchronously: their mapping holds the same settings.
        for (const [id, mapping] of entries(template, 'AWS::Lambda::EventSourceMapping')) {
          if (!/:(dynamodb|kinesis):/.test(text(property(mapping, 'EventSourceArn')))) continue;
          if (typeof property(mapping, 'MaximumRetryAttempts') !== 'number')
            violations.push(`${stack}: stream mapping ${id} has no MaximumRetryAttempts`);
          if (!property(mapping, 'DestinationConfig', 'OnFailure', 'Destination'))
            violations.push(`${stack}: stream mapping ${id} has no on-failure destination`);
        }
      }
      return violations;
    },
  },
  {
    name: 'every dead-letter queue has an alarm on its visible messages that notifies the alarm topic',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        const alarms = entries(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
        for (const queue of deadLetterQueues(template)) {
          const watching = alarms.filter(
            (alarm) =>
              alarm.Namespace === 'AWS/SQS' &&
              asList(alarm.Dimensions).some(
                (dimension) => at(dimension, 'Name') === 'QueueName' && target(at(dimension, 'Value')) === queue,
              ),
          );
          if (watching.length === 0) violations.push(`${stack}: the dead-letter queue ${queue} has no alarm`);
          else if (!watching.some((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible'))
            violations.push(`${stack}: no alarm of ${queue} watches ApproximateNumberOfMessagesVisible`);
          else if (!watching.some((alarm) => notifiesAlarmTopic(alarm)))
            violations.push(`${stack}: the alarm of ${queue} notifies no alarm topic`);
        }
      }
      return violations;
    },
  },
  {
    name: 'every function is traced (active X-Ray) and its role may send the traces',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        for (const [id, fn] of functions(template)) {
          if (isFrameworkFunction(id)) continue; // the framework's custom resources run at deploy time only
          if (property(fn, 'TracingConfig', 'Mode') !== 'Active') violations.push(`${stack}: ${id} is not traced`);
          const role = target(property(fn, 'Role'));
          const mayTrace = statements({
            [stack]: { Resources: role ? { [role]: template.Resources[role] } : {} },
          }).some(
            ([, , statement]) =>
              statement.Effect === 'Allow' &&
              ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'].every((action) =>
                statement.Action.includes(action),
              ),
          );
          if (!mayTrace)
            violations.push(`${stack}: the role of ${id} may not send traces (Lambda refuses the function)`);
        }
      }
      return violations;
    },
  },
  {
    name: "the stage has its dashboard, charting the orders, the API's routes and every dead-letter queue",
    check(stacks, { stage }) {
      const found = stageDashboard(stacks, stage);
      if (!found) return [`no dashboard estore-${stage} in the stage`];
      const [stack, id, dashboard] = found;
      let charted: string;
      try {
        charted = widgetsOf(dashboard).map(widgetSubjects).join('\n');
      } catch (error) {
        return [`${stack}: ${id} has a body that is not JSON (${(error as Error).message})`];
      }
      const violations: string[] = [];
      for (const metric of DASHBOARD_METRICS)
        if (!charted.includes(metric)) violations.push(`${stack}: ${id} does not chart ${metric}`);
      for (const [queueStack, template] of Object.entries(stacks)) {
        for (const queue of deadLetterQueues(template)) {
          const name = render(property(template.Resources[queue], 'QueueName'), template);
          if (!charted.includes(`"${name}"`))
            violations.push(`${stack}: ${id} does not chart the dead-letter queue ${name} (${queueStack})`);
        }
      }
      return violations;
    },
  },
  {
    name: 'every alarm notifies the alarm topic, which has a subscriber',
    check(stacks, { stage }) {
      const violations: string[] = [];
      const topics = each(stacks, 'AWS::SNS::Topic').filter(
        ([, , topic]) => text(property(topic, 'TopicName')) === `estore-${stage}-alarms`,
      );
      if (topics.length !== 1)
        violations.push(`expected one alarm topic estore-${stage}-alarms, found ${topics.length}`);
      for (const [stack, id] of topics) {
        const subscribed = entries(stacks[stack], 'AWS::SNS::Subscription').some(
          ([, subscription]) =>
            refOf(property(subscription, 'TopicArn')) === id && text(property(subscription, 'Endpoint')).length > 0,
        );
        if (!subscribed) violations.push(`${stack}: nobody is subscribed to ${id}, so no alarm reaches anyone`);
      }
      for (const [stack, id, alarm] of each(stacks, 'AWS::CloudWatch::Alarm')) {
        if (!notifiesAlarmTopic(alarm.Properties ?? {})) violations.push(`${stack}: ${id} notifies no alarm topic`);
        if (!asString(property(alarm, 'AlarmDescription'))) violations.push(`${stack}: ${id} has no description`);
      }
      return violations;
    },
  },
  {
    name: 'every function has a log group with retention',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        const groups = new Map(
          entries(template, 'AWS::Logs::LogGroup').map(([, group]) => [text(property(group, 'LogGroupName')), group]),
        );
        for (const [id, fn] of functions(template)) {
          const group = groups.get(`/aws/lambda/${property(fn, 'FunctionName')}`);
          if (!group) violations.push(`${stack}: ${id} has no log group`);
          else if (typeof property(group, 'RetentionInDays') !== 'number')
            violations.push(`${stack}: the log group of ${id} keeps logs forever`);
        }
      }
      return violations;
    },
  },
  {
    name: "buckets block public access, and their CORS allows the stage's origins only",
    check(stacks, { origins }) {
      const violations: string[] = [];
      for (const [stack, id, bucket] of each(stacks, 'AWS::S3::Bucket')) {
        if (id === 'ServerlessDeploymentBucket') continue; // the framework's, private by its bucket policy
        const block = asObject(property(bucket, 'PublicAccessBlockConfiguration')) ?? {};
        for (const setting of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']) {
          if (block[setting] !== true) violations.push(`${stack}: ${id} does not set ${setting}`);
        }
        for (const rule of asList(property(bucket, 'CorsConfiguration', 'CorsRules'))) {
          const allowed = list(at(rule, 'AllowedOrigins')).map(text);
          if (allowed.includes('*')) violations.push(`${stack}: ${id} allows CORS from any origin`);
          const unexpected = allowed.filter((origin) => !origins.includes(origin));
          const missing = origins.filter((origin) => !allowed.includes(origin));
          if (unexpected.length > 0 || missing.length > 0)
            violations.push(
              `${stack}: ${id} CORS origins ${allowed.join(', ')} are not the stage's ${origins.join(', ')}`,
            );
        }
      }
      return violations;
    },
  },
  {
    name: 'every function has an error alarm',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        const alarms = entries(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
        for (const [id] of functions(template)) {
          if (isFrameworkFunction(id)) continue; // a failing custom resource fails the deployment itself
          const watched = alarms.some(
            (alarm) =>
              alarm.Namespace === 'AWS/Lambda' &&
              alarm.MetricName === 'Errors' &&
              asList(alarm.Dimensions).some(
                (dimension) => at(dimension, 'Name') === 'FunctionName' && target(at(dimension, 'Value')) === id,
              ),
          );
          if (!watched) violations.push(`${stack}: ${id} has no error alarm`);
        }
      }
      return violations;
    },
  },
  {
    name: 'the HTTP API has a 5xx alarm',
    check(stacks) {
      const apis = each(stacks, 'AWS::ApiGatewayV2::Api');
      const alarms = each(stacks, 'AWS::CloudWatch::Alarm').map(([, , alarm]) => alarm.Properties ?? {});
      const watched = alarms.some(
        (alarm) =>
          alarm.Namespace === 'AWS/ApiGateway' &&
          alarm.MetricName === '5xx' &&
          asList(alarm.Dimensions).some((dimension) => at(dimension, 'Name') === 'ApiId'),
      );
      if (apis.length === 0) return ['no HTTP API in the stage'];
      return watched ? [] : ['no alarm on the HTTP API 5xx metric'];
    },
  },
  {
    name: 'no secret is a literal: functions get SSM parameter names only',
    check(stacks, { stage }) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        const literal = JSON.stringify(template).match(/\b(sk|rk)_(live|test)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9_]+/);
        if (literal)
          violations.push(`${stack}: the template holds a secret-looking literal ${literal[0].slice(0, 12)}...`);
        for (const [id, fn] of functions(template)) {
          for (const [name, value] of Object.entries(asObject(property(fn, 'Environment', 'Variables')) ?? {})) {
            if (!/(SECRET|PASSWORD|TOKEN|KEY)(_PARAMETER)?$/i.test(name)) continue;
            if (!name.endsWith('_PARAMETER')) violations.push(`${stack}: ${id} gets the secret ${name} as a value`);
            else if (typeof value !== 'string' || !value.startsWith(`/estore/${stage}/`))
              violations.push(`${stack}: ${id} reads ${name} from ${text(value)}, not /estore/${stage}/...`);
          }
        }
      }
      for (const [stack, id, statement] of statements(stacks)) {
        if (!statement.Action.some((action) => action.startsWith('ssm:Get'))) continue;
        for (const resource of asList(statement.Resource)) {
          if (!text(resource).includes(`:parameter/estore/${stage}/`))
            violations.push(`${stack}: ${id} may read parameters outside /estore/${stage}/ (${text(resource)})`);
        }
      }
      return violations;
    },
  },
  {
    name: "the HTTP API allows the stage's origins with credentials and throttles the stage and its costly routes",
    check(stacks, { origins }) {
      const violations: string[] = [];
      for (const [stack, id, api] of each(stacks, 'AWS::ApiGatewayV2::Api')) {
        const cors = asObject(property(api, 'CorsConfiguration'));
        if (!cors) {
          violations.push(`${stack}: ${id} has no CORS configuration`);
          continue;
        }
        const allowed = list(cors.AllowOrigins).map(text);
        if (
          allowed.includes('*') ||
          allowed.length !== origins.length ||
          origins.some((origin) => !allowed.includes(origin))
        ) {
          violations.push(
            `${stack}: ${id} CORS origins ${allowed.join(', ')} are not the stage's ${origins.join(', ')}`,
          );
        }
        if (cors.AllowCredentials !== true) violations.push(`${stack}: ${id} CORS does not allow credentials`);
        const headers = strings(cors.AllowHeaders).map((header) => header.toLowerCase());
        for (const header of ['content-type', 'authorization', 'if-match', 'idempotency-key', 'x-correlation-id'])
          if (!headers.includes(header)) violations.push(`${stack}: ${id} CORS does not allow ${header}`);
        const exposed = strings(cors.ExposeHeaders).map((header) => header.toLowerCase());
        for (const header of ['etag', 'x-request-id', 'x-correlation-id'])
          if (!exposed.includes(header)) violations.push(`${stack}: ${id} CORS does not expose ${header}`);
      }
      const stages = each(stacks, 'AWS::ApiGatewayV2::Stage');
      if (stages.length !== 1) violations.push(`expected one HTTP API stage, found ${stages.length}`);
      for (const [stack, id, apiStage] of stages) {
        const throttled = (settings: CfnValue | undefined) =>
          asNumber(at(settings, 'ThrottlingRateLimit')) !== undefined &&
          asNumber(at(settings, 'ThrottlingBurstLimit')) !== undefined;
        if (!throttled(property(apiStage, 'DefaultRouteSettings')))
          violations.push(`${stack}: ${id} has no stage-wide throttling`);
        for (const route of ['POST /payment/checkout', 'POST /register', 'POST /login', 'GET /products']) {
          if (!throttled(property(apiStage, 'RouteSettings', route)))
            violations.push(`${stack}: ${id} does not throttle ${route}`);
        }
        // A stage's settings may name only routes that exist (AWS refuses the stage otherwise).
        const routes = new Set(
          each(stacks, 'AWS::ApiGatewayV2::Route').map(([, , route]) => property(route, 'RouteKey')),
        );
        for (const route of Object.keys(asObject(property(apiStage, 'RouteSettings')) ?? {})) {
          if (!routes.has(route)) violations.push(`${stack}: ${id} has settings for ${route}, which no stack defines`);
        }
      }
      return violations;
    },
  },
  ...DEPLOY_RULES,
];
