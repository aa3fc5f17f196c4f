import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asObject, at, strings } from '../lib/cfn';
import { ACCEPTED_WARNINGS, blocking, cfnLint } from '../lib/cfn-lint';
import { dashboardPicture, stageDashboard, widgetsOf } from '../lib/dashboard';
import { RULES, type Rule, type RuleContext, WILDCARD_RESOURCE_ALLOWLIST } from '../lib/template-rules';
import {
  type CfnObject,
  type CfnValue,
  ensurePackaged,
  loadStacks,
  type Resource,
  ruleContext,
  type Stacks,
  TEMPLATE_STAGES,
  templatePaths,
} from '../lib/templates';

/**
 * The packaged CloudFormation of every stack, for `dev` and `prod`, against the deployment rules
 * (scripts/lib/template-rules.ts). `npm test` packages both stages before the unit tests (cached
 * by a hash of the sources); run alone, this suite packages what is missing itself.
 */
jest.setTimeout(600_000);

const real: Record<string, Stacks> = {};
const context = (stage: string): RuleContext => ruleContext(stage);
const rule = (prefix: string): Rule => {
  const found = RULES.find((candidate) => candidate.name.startsWith(prefix));
  if (!found) throw new Error(`no rule starts with "${prefix}"`);
  return found;
};

beforeAll(async () => {
  await ensurePackaged(TEMPLATE_STAGES);
  for (const stage of TEMPLATE_STAGES) real[stage] = loadStacks(stage);
});

/** A deep copy of a stage's real stacks, to break. */
const copy = (stage: string): Stacks => structuredClone(real[stage]);
const resource = (stacks: Stacks, stack: string, id: string): Resource => {
  const found = stacks[stack].Resources[id];
  if (!found) throw new Error(`${stack} has no ${id}`);
  return found;
};
/** The properties of a resource, to break. */
const props = (stacks: Stacks, stack: string, id: string): CfnObject => {
  const properties = resource(stacks, stack, id).Properties;
  if (!properties) throw new Error(`${stack}: ${id} has no properties`);
  return properties;
};
/** The object at a path in a value, to break. */
const objectAt = (value: CfnValue | undefined, ...path: Array<string | number>): CfnObject => {
  const found = asObject(at(value, ...path));
  if (!found) throw new Error(`no object at ${path.join('.')}`);
  return found;
};
/** The list at a path in a value, to break. */
const listAt = (value: CfnValue | undefined, ...path: Array<string | number>): CfnValue[] => {
  const found = at(value, ...path);
  if (!Array.isArray(found)) throw new Error(`no list at ${path.join('.')}`);
  return found;
};
const roleStatements = (stacks: Stacks, stack: string, role: string): CfnValue[] =>
  listAt(props(stacks, stack, role), 'Policies', 0, 'PolicyDocument', 'Statement');
/** The first statement of a role's policy that allows an action. */
const statementAllowing = (stacks: Stacks, stack: string, role: string, action: string): CfnObject => {
  const found = roleStatements(stacks, stack, role)
    .map((candidate) => asObject(candidate))
    .find((candidate) => candidate && strings(candidate.Action).includes(action));
  if (!found) throw new Error(`${stack}: ${role} allows no ${action}`);
  return found;
};

describe.each(TEMPLATE_STAGES)('the %s templates', (stage) => {
  test.each(RULES.map((candidate) => [candidate.name, candidate] as const))('%s', (_name, candidate) => {
    expect(candidate.check(real[stage], context(stage))).toEqual([]);
  });

  test('package every stack of the store', () => {
    expect(Object.keys(real[stage]).sort()).toEqual([
      'admin',
      'api',
      'apiStage',
      'catalog',
      'identity',
      'observability',
      'order',
      'payment',
    ]);
  });

  // AWS's own linter: no error, and no warning but the accepted ones (scripts/lib/cfn-lint.ts).
  test('cfn-lint finds nothing to fix', () => {
    const findings = blocking(cfnLint(templatePaths(stage)));
    expect(findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule} ${finding.message}`)).toEqual([]);
  });
});

describe('docs/operations.md', () => {
  test.each(TEMPLATE_STAGES)('draws the dashboard the %s template builds', (stage) => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'operations.md'), 'utf8');
    const drawn = /<!-- dashboard-picture:start -->\n([\s\S]*?)\n<!-- dashboard-picture:end -->/.exec(doc)?.[1];
    const dashboard = stageDashboard(real[stage], stage);
    if (!dashboard) throw new Error(`no dashboard in the ${stage} stacks`);
    expect(drawn).toEqual(dashboardPicture(widgetsOf(dashboard[2]), stage));
  });
});

describe('cfn-lint', () => {
  test('finds nothing to fix in the CI role (services/platform/ci-role, deployed by hand once per account)', () => {
    expect(blocking(cfnLint([join(__dirname, '..', '..', 'services', 'platform', 'ci-role', 'ci-role.yml')]))).toEqual(
      [],
    );
  });

  test('fails a template AWS would refuse', () => {
    const broken = copy('dev').identity;
    props({ identity: broken }, 'identity', 'RegisterUserLambdaFunction').Runtime = 'nodejs8.x';
    props({ identity: broken }, 'identity', 'UserPoolClient').AccessTokenValidity = 'fifteen';
    const file = join(mkdtempSync(join(tmpdir(), 'cfn-lint-')), 'identity.json');
    writeFileSync(file, JSON.stringify(broken, null, 2));
    const rules = blocking(cfnLint([file])).map((finding) => finding.rule);
    expect(rules.length).toBeGreaterThanOrEqual(2);
    expect(rules.every((id) => id.startsWith('E'))).toBe(true);
  });

  test('every accepted warning says why', () => {
    for (const reason of Object.values(ACCEPTED_WARNINGS)) expect(reason.length).toBeGreaterThan(40);
  });
});

describe('each rule fails on a template that breaks it', () => {
  const fails = (prefix: string, stacks: Stacks, stage = 'dev') =>
    expect(rule(prefix).check(stacks, context(stage))).not.toEqual([]);

  test('two functions sharing a role', () => {
    const stacks = copy('dev');
    props(stacks, 'catalog', 'GetProductLambdaFunction').Role = props(
      stacks,
      'catalog',
      'ListProductsLambdaFunction',
    ).Role;
    fails('every function has its own IAM role', stacks);
  });

  test('a wildcard action', () => {
    const stacks = copy('dev');
    roleStatements(stacks, 'catalog', 'GetProductIamRoleLambdaExecution').push({
      Effect: 'Allow',
      Action: 'dynamodb:*',
      Resource: { 'Fn::GetAtt': ['ProductsTable', 'Arn'] },
    });
    fails('no IAM statement', stacks);
  });

  test('a wildcard resource for an action that can be scoped, but not for one that cannot', () => {
    const stacks = copy('dev');
    const statements = roleStatements(stacks, 'order', 'GetOrderIamRoleLambdaExecution');
    statements.push({ Effect: 'Allow', Action: ['xray:PutTraceSegments'], Resource: '*' });
    expect(rule('no IAM statement').check(stacks, context('dev'))).toEqual([]);
    statements.push({ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: '*' });
    fails('no IAM statement', stacks);
    const everyFunction = copy('dev');
    roleStatements(everyFunction, 'order', 'GetOrderIamRoleLambdaExecution').push({
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*' },
    });
    fails('no IAM statement', everyFunction);
  });

  test('every allowlisted wildcard resource says why', () => {
    for (const reason of Object.values(WILDCARD_RESOURCE_ALLOWLIST)) expect(reason.length).toBeGreaterThan(20);
  });

  test('PutEvents on any bus, or of any source', () => {
    const anyBus = copy('dev');
    const statement = statementAllowing(anyBus, 'payment', 'CheckoutIamRoleLambdaExecution', 'events:PutEvents');
    statement.Resource = {
      'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
    };
    fails('events:PutEvents', anyBus);
    const anySource = copy('dev');
    delete statementAllowing(anySource, 'order', 'ExpireOrdersIamRoleLambdaExecution', 'events:PutEvents').Condition;
    fails('events:PutEvents', anySource);
  });

  test('a provisioned table, a table without point-in-time recovery, an unprotected prod table', () => {
    const provisioned = copy('dev');
    props(provisioned, 'order', 'OrdersTable').BillingMode = 'PROVISIONED';
    fails('tables are', provisioned);
    const noRecovery = copy('dev');
    delete props(noRecovery, 'payment', 'PaymentsTable').PointInTimeRecoverySpecification;
    fails('tables are', noRecovery);
    const unprotected = copy('prod');
    props(unprotected, 'catalog', 'ProductsTable').DeletionProtectionEnabled = false;
    fails('tables are', unprotected, 'prod');
    const deleted = copy('prod');
    resource(deleted, 'identity', 'IdentityTable').DeletionPolicy = 'Delete';
    fails('tables are', deleted, 'prod');
  });

  test('an S3-triggered function without retries or destination, an event consumer without a destination', () => {
    const noConfig = copy('dev');
    delete noConfig.catalog.Resources.OnImageUploadedLambdaEvConf;
    fails('every asynchronous function', noConfig);
    const noDestination = copy('dev');
    delete props(noDestination, 'order', 'SendOrderEmailLambdaEvConf').DestinationConfig;
    fails('every asynchronous function', noDestination);
  });

  test('a dead-letter queue nobody watches, watched on another metric, or whose alarm notifies nobody', () => {
    const stacks = copy('dev');
    delete stacks.catalog.Resources.CatalogDlqAlarm;
    fails('every dead-letter queue', stacks);
    const otherMetric = copy('dev');
    props(otherMetric, 'order', 'OrderEventsDlqAlarm').MetricName = 'NumberOfMessagesSent';
    fails('every dead-letter queue', otherMetric);
    const silent = copy('dev');
    props(silent, 'catalog', 'CatalogDlqAlarm').AlarmActions = [];
    fails('every dead-letter queue', silent);
  });

  test('a function without tracing, or whose role may not send its traces', () => {
    const untraced = copy('dev');
    delete props(untraced, 'payment', 'CheckoutLambdaFunction').TracingConfig;
    fails('every function is traced', untraced);
    const passThrough = copy('dev');
    props(passThrough, 'admin', 'ListUsersLambdaFunction').TracingConfig = { Mode: 'PassThrough' };
    fails('every function is traced', passThrough);
    const noPermission = copy('dev');
    const statements = roleStatements(noPermission, 'identity', 'LoginUserIamRoleLambdaExecution');
    statements.splice(
      statements.findIndex((statement) => strings(at(statement, 'Action')).includes('xray:PutTraceSegments')),
      1,
    );
    fails('every function is traced', noPermission);
  });

  test('a stage without its dashboard, or one that leaves out a dead-letter queue or a business metric', () => {
    const none = copy('dev');
    delete none.observability.Resources.Dashboard;
    fails('the stage has its dashboard', none);
    const otherStage = copy('dev');
    props(otherStage, 'observability', 'Dashboard').DashboardName = 'estore-prod';
    fails('the stage has its dashboard', otherStage);
    const withoutQueue = copy('dev');
    const body = listAt(props(withoutQueue, 'observability', 'Dashboard'), 'DashboardBody', 'Fn::Sub');
    body[0] = String(body[0]).replaceAll('estore-catalog-dev-dlq', 'estore-catalog-dev-other');
    expect(rule('the stage has its dashboard').check(withoutQueue, context('dev'))).toEqual([
      expect.stringMatching(/does not chart the dead-letter queue estore-catalog-dev-dlq/),
    ]);
    const withoutPayments = copy('dev');
    const paid = listAt(props(withoutPayments, 'observability', 'Dashboard'), 'DashboardBody', 'Fn::Sub');
    paid[0] = String(paid[0]).replaceAll('OrderPaid', 'OrderSeen');
    fails('the stage has its dashboard', withoutPayments);
  });

  test('an alarm that notifies nobody or says nothing, an alarm topic nobody is subscribed to', () => {
    const silent = copy('dev');
    delete props(silent, 'observability', 'NoOrderPaidAlarm').AlarmActions;
    fails('every alarm notifies the alarm topic', silent);
    const elsewhere = copy('dev');
    props(elsewhere, 'order', 'OrderEventsDlqAlarm').AlarmActions = [
      { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:someone-elses-topic' },
    ];
    fails('every alarm notifies the alarm topic', elsewhere);
    const mute = copy('dev');
    delete props(mute, 'observability', 'WebhookRejectedAlarm').AlarmDescription;
    fails('every alarm notifies the alarm topic', mute);
    const unsubscribed = copy('dev');
    delete unsubscribed.api.Resources.AlarmEmailSubscription;
    fails('every alarm notifies the alarm topic', unsubscribed);
  });

  test('a function without a log group, a log group kept forever', () => {
    const missing = copy('dev');
    delete missing.admin.Resources.ListUsersLogGroup;
    fails('every function has a log group', missing);
    const forever = copy('dev');
    delete props(forever, 'payment', 'CheckoutLogGroup').RetentionInDays;
    fails('every function has a log group', forever);
  });

  test('a public bucket, a bucket open to any origin, a bucket missing a stage origin', () => {
    const open = copy('dev');
    objectAt(props(open, 'catalog', 'ImagesBucket'), 'PublicAccessBlockConfiguration').BlockPublicPolicy = false;
    fails('buckets block public access', open);
    const anyOrigin = copy('dev');
    objectAt(props(anyOrigin, 'catalog', 'ImagesBucket'), 'CorsConfiguration', 'CorsRules', 0).AllowedOrigins = ['*'];
    fails('buckets block public access', anyOrigin);
    expect(rule('buckets block public access').check(real.dev, context('prod'))).not.toEqual([]);
  });

  test('a function without an error alarm', () => {
    const stacks = copy('dev');
    delete stacks.payment.Resources.HandleWebhookErrorsAlarm;
    fails('every function has an error alarm', stacks);
  });

  test('an API without a 5xx alarm', () => {
    const stacks = copy('dev');
    delete stacks.apiStage.Resources.HttpApi5xxAlarm;
    fails('the HTTP API has a 5xx alarm', stacks);
  });

  test('a secret as an environment value, a literal key, SSM read outside the stage', () => {
    const asValue = copy('prod');
    objectAt(props(asValue, 'payment', 'CheckoutLambdaFunction'), 'Environment', 'Variables').STRIPE_SECRET_KEY = {
      'Fn::ImportValue': 'a-secret',
    };
    fails('no secret is a literal', asValue, 'prod');
    const literal = copy('prod');
    objectAt(props(literal, 'order', 'OnPaymentEventLambdaFunction'), 'Environment', 'Variables').NOTE =
      'whsec_abcdef123456';
    fails('no secret is a literal', literal, 'prod');
    const otherStage = copy('prod');
    objectAt(
      props(otherStage, 'payment', 'HandleWebhookLambdaFunction'),
      'Environment',
      'Variables',
    ).STRIPE_WEBHOOK_SECRET_PARAMETER = '/estore/dev/payment/stripe-webhook-secret';
    fails('no secret is a literal', otherStage, 'prod');
  });

  test('an API open to any origin, without credentials, or a costly route left unthrottled', () => {
    const anyOrigin = copy('dev');
    objectAt(props(anyOrigin, 'api', 'HttpApi'), 'CorsConfiguration').AllowOrigins = ['*'];
    fails('the HTTP API allows', anyOrigin);
    const noCredentials = copy('dev');
    objectAt(props(noCredentials, 'api', 'HttpApi'), 'CorsConfiguration').AllowCredentials = false;
    fails('the HTTP API allows', noCredentials);
    const unthrottled = copy('dev');
    delete objectAt(props(unthrottled, 'apiStage', 'HttpApiStage'), 'RouteSettings')['POST /payment/checkout'];
    fails('the HTTP API allows', unthrottled);
    const unknownRoute = copy('dev');
    objectAt(props(unknownRoute, 'apiStage', 'HttpApiStage'), 'RouteSettings')['POST /nowhere'] = {
      ThrottlingRateLimit: 1,
      ThrottlingBurstLimit: 1,
    };
    fails('the HTTP API allows', unknownRoute);
  });

  test('an EventBridge rule on a bus named by ARN, whose invoke permission names the ARN (a blocker the review found)', () => {
    const byArn = copy('dev');
    for (const [, resource] of Object.entries(byArn.order.Resources)) {
      if (resource.Type === 'AWS::Events::Rule' && resource.Properties?.EventBusName)
        resource.Properties.EventBusName = { 'Fn::GetAtt': ['EventBus', 'Arn'] };
      if (
        resource.Type === 'AWS::Lambda::Permission' &&
        resource.Properties?.Principal === 'events.amazonaws.com' &&
        at(resource.Properties, 'SourceArn', 'Fn::Join')
      ) {
        listAt(resource.Properties, 'SourceArn', 'Fn::Join', 1, 5, 'Fn::Join', 1)[1] = {
          'Fn::GetAtt': ['EventBus', 'Arn'],
        };
      }
    }
    fails('every EventBridge rule', byArn);
    const noPermission = copy('dev');
    delete noPermission.order.Resources.OnPaymentEventEventBridgeLambdaPermission1;
    fails('every EventBridge rule', noPermission);
  });

  test('a user pool that requires an attribute its app client cannot write (a blocker the review found)', () => {
    const stacks = copy('dev');
    const email = listAt(props(stacks, 'identity', 'UserPool'), 'Schema')
      .map((attribute) => asObject(attribute))
      .find((attribute) => attribute?.Name === 'email');
    if (!email) throw new Error('the user pool has no email attribute');
    email.Required = true;
    fails('every attribute a user pool requires', stacks);
  });

  test('a deployed stage that sends from a .local address', () => {
    const stacks = copy('prod');
    objectAt(props(stacks, 'order', 'SendOrderEmailLambdaFunction'), 'Environment', 'Variables').SENDER_ADDRESS =
      'no-reply@estore.local';
    fails('every function that sends email', stacks, 'prod');
  });

  test('a role that may query every index of a table', () => {
    const stacks = copy('dev');
    statementAllowing(stacks, 'order', 'ListOrdersIamRoleLambdaExecution', 'dynamodb:Query').Resource = {
      'Fn::Join': ['', [{ 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, '/index/*']],
    };
    fails('a role queries the indexes it uses', stacks);
  });

  test('a function that may read a secret it does not use, or every payment secret (the webhook reading the Stripe key)', () => {
    const webhook = copy('prod');
    statementAllowing(webhook, 'payment', 'HandleWebhookIamRoleLambdaExecution', 'ssm:GetParameter').Resource = {
      'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/estore/prod/payment/*',
    };
    fails('each function may read exactly', webhook, 'prod');
    const unreadable = copy('prod');
    objectAt(
      props(unreadable, 'order', 'ExpireOrdersLambdaFunction'),
      'Environment',
      'Variables',
    ).STRIPE_WEBHOOK_SECRET_PARAMETER = '/estore/prod/payment/stripe-webhook-secret';
    fails('each function may read exactly', unreadable, 'prod');
  });

  test('a function that reads an SSM parameter nobody creates', () => {
    const stacks = copy('dev');
    objectAt(
      props(stacks, 'catalog', 'ListProductsLambdaFunction'),
      'Environment',
      'Variables',
    ).CURSOR_SIGNING_KEY_PARAMETER = '/estore/dev/cursor-key';
    fails('every SSM parameter a function reads', stacks);
    expect(
      rule('every SSM parameter a function reads').check(real.dev, { ...context('dev'), managedParameters: [] }),
    ).not.toEqual([]);
  });

  test('a storefront on its own site without a custom domain there, or cookies scoped elsewhere', () => {
    const noDomain = copy('prod');
    delete noDomain.apiStage.Resources.ApiDomainName;
    fails('a storefront on its own site', noDomain, 'prod');
    const otherSite = copy('prod');
    props(otherSite, 'apiStage', 'ApiDomainName').DomainName = 'api.estore-backend.net';
    fails('a storefront on its own site', otherSite, 'prod');
    const unmapped = copy('prod');
    delete unmapped.apiStage.Resources.ApiMapping;
    fails('a storefront on its own site', unmapped, 'prod');
    const wideCookies = copy('prod');
    objectAt(props(wideCookies, 'identity', 'LoginUserLambdaFunction'), 'Environment', 'Variables').COOKIE_DOMAIN =
      'shop.example.org';
    fails('a storefront on its own site', wideCookies, 'prod');
    const publicSuffix = copy('prod');
    objectAt(props(publicSuffix, 'identity', 'LoginUserLambdaFunction'), 'Environment', 'Variables').COOKIE_DOMAIN =
      'com';
    expect(rule('a storefront on its own site').check(publicSuffix, context('prod'))).toEqual([
      expect.stringMatching(/public suffix \(com\)/),
    ]);
  });

  test('a throttle below the modelled spike (GET /products at 5 requests/s, as before)', () => {
    const stacks = copy('prod');
    objectAt(props(stacks, 'apiStage', 'HttpApiStage'), 'RouteSettings', 'GET /products').ThrottlingRateLimit = 5;
    fails("the API's throttles admit", stacks, 'prod');
    expect(rule("the API's throttles admit").check(real.dev, { ...context('dev'), traffic: {} })).not.toEqual([]);
  });

  test('a dead-letter queue any rule of any account may send to', () => {
    const stacks = copy('dev');
    delete objectAt(props(stacks, 'order', 'OrderEventsDlqPolicy'), 'PolicyDocument', 'Statement', 0).Condition;
    fails('a queue policy', stacks);
  });

  test('a prod images bucket deleted with its stack', () => {
    const stacks = copy('prod');
    resource(stacks, 'catalog', 'ImagesBucket').DeletionPolicy = 'Delete';
    fails('buckets holding data are retained', stacks, 'prod');
  });
});
