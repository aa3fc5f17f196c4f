import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCEPTED_WARNINGS, blocking, cfnLint } from '../lib/cfn-lint';
import { RULES, type Rule, type RuleContext, WILDCARD_RESOURCE_ALLOWLIST } from '../lib/template-rules';
import {
  type Cfn,
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
const roleStatements = (stacks: Stacks, stack: string, role: string): Cfn[] =>
  resource(stacks, stack, role).Properties!.Policies[0].PolicyDocument.Statement;

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

describe('cfn-lint', () => {
  test('finds nothing to fix in the CI role (services/platform/ci-role, deployed by hand once per account)', () => {
    expect(blocking(cfnLint([join(__dirname, '..', '..', 'services', 'platform', 'ci-role', 'ci-role.yml')]))).toEqual(
      [],
    );
  });

  test('fails a template AWS would refuse', () => {
    const broken = copy('dev').identity;
    resource({ identity: broken }, 'identity', 'RegisterUserLambdaFunction').Properties!.Runtime = 'nodejs8.x';
    resource({ identity: broken }, 'identity', 'UserPoolClient').Properties!.AccessTokenValidity = 'fifteen';
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
    resource(stacks, 'catalog', 'GetProductLambdaFunction').Properties!.Role = resource(
      stacks,
      'catalog',
      'ListProductsLambdaFunction',
    ).Properties!.Role;
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
    const statement = roleStatements(anyBus, 'payment', 'CheckoutIamRoleLambdaExecution').find((candidate) =>
      [candidate.Action].flat().includes('events:PutEvents'),
    );
    statement.Resource = {
      'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
    };
    fails('events:PutEvents', anyBus);
    const anySource = copy('dev');
    delete roleStatements(anySource, 'order', 'ExpireOrdersIamRoleLambdaExecution').find((candidate) =>
      [candidate.Action].flat().includes('events:PutEvents'),
    ).Condition;
    fails('events:PutEvents', anySource);
  });

  test('a provisioned table, a table without point-in-time recovery, an unprotected prod table', () => {
    const provisioned = copy('dev');
    resource(provisioned, 'order', 'OrdersTable').Properties!.BillingMode = 'PROVISIONED';
    fails('tables are', provisioned);
    const noRecovery = copy('dev');
    delete resource(noRecovery, 'payment', 'PaymentsTable').Properties!.PointInTimeRecoverySpecification;
    fails('tables are', noRecovery);
    const unprotected = copy('prod');
    resource(unprotected, 'catalog', 'ProductsTable').Properties!.DeletionProtectionEnabled = false;
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
    delete resource(noDestination, 'order', 'SendOrderConfirmationLambdaEvConf').Properties!.DestinationConfig;
    fails('every asynchronous function', noDestination);
  });

  test('a dead-letter queue nobody watches', () => {
    const stacks = copy('dev');
    delete stacks.catalog.Resources.CatalogDlqAlarm;
    fails('every dead-letter queue', stacks);
  });

  test('a function without a log group, a log group kept forever', () => {
    const missing = copy('dev');
    delete missing.admin.Resources.ListUsersLogGroup;
    fails('every function has a log group', missing);
    const forever = copy('dev');
    delete resource(forever, 'payment', 'CheckoutLogGroup').Properties!.RetentionInDays;
    fails('every function has a log group', forever);
  });

  test('a public bucket, a bucket open to any origin, a bucket missing a stage origin', () => {
    const open = copy('dev');
    resource(open, 'catalog', 'ImagesBucket').Properties!.PublicAccessBlockConfiguration.BlockPublicPolicy = false;
    fails('buckets block public access', open);
    const anyOrigin = copy('dev');
    resource(anyOrigin, 'catalog', 'ImagesBucket').Properties!.CorsConfiguration.CorsRules[0].AllowedOrigins = ['*'];
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
    resource(asValue, 'payment', 'CheckoutLambdaFunction').Properties!.Environment.Variables.STRIPE_SECRET_KEY = {
      'Fn::ImportValue': 'a-secret',
    };
    fails('no secret is a literal', asValue, 'prod');
    const literal = copy('prod');
    resource(literal, 'order', 'OnPaymentEventLambdaFunction').Properties!.Environment.Variables.NOTE =
      'whsec_abcdef123456';
    fails('no secret is a literal', literal, 'prod');
    const otherStage = copy('prod');
    resource(otherStage, 'payment', 'HandleWebhookLambdaFunction')
      .Properties!.Environment.Variables.STRIPE_WEBHOOK_SECRET_PARAMETER = '/estore/dev/payment/stripe-webhook-secret';
    fails('no secret is a literal', otherStage, 'prod');
  });

  test('an API open to any origin, without credentials, or a costly route left unthrottled', () => {
    const anyOrigin = copy('dev');
    resource(anyOrigin, 'api', 'HttpApi').Properties!.CorsConfiguration.AllowOrigins = ['*'];
    fails('the HTTP API allows', anyOrigin);
    const noCredentials = copy('dev');
    resource(noCredentials, 'api', 'HttpApi').Properties!.CorsConfiguration.AllowCredentials = false;
    fails('the HTTP API allows', noCredentials);
    const unthrottled = copy('dev');
    delete resource(unthrottled, 'apiStage', 'HttpApiStage').Properties!.RouteSettings['POST /payment/checkout'];
    fails('the HTTP API allows', unthrottled);
    const unknownRoute = copy('dev');
    resource(unknownRoute, 'apiStage', 'HttpApiStage').Properties!.RouteSettings['POST /nowhere'] = {
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
        resource.Properties.SourceArn['Fn::Join']
      ) {
        resource.Properties.SourceArn['Fn::Join'][1][5]['Fn::Join'][1][1] = { 'Fn::GetAtt': ['EventBus', 'Arn'] };
      }
    }
    fails('every EventBridge rule', byArn);
    const noPermission = copy('dev');
    delete noPermission.order.Resources.OnPaymentEventEventBridgeLambdaPermission1;
    fails('every EventBridge rule', noPermission);
  });

  test('a user pool that requires an attribute its app client cannot write (a blocker the review found)', () => {
    const stacks = copy('dev');
    resource(stacks, 'identity', 'UserPool').Properties!.Schema.find(
      (attribute: Cfn) => attribute.Name === 'email',
    ).Required = true;
    fails('every attribute a user pool requires', stacks);
  });

  test('a deployed stage that sends from a .local address', () => {
    const stacks = copy('prod');
    resource(stacks, 'order', 'SendOrderConfirmationLambdaFunction').Properties!.Environment.Variables.SENDER_ADDRESS =
      'no-reply@estore.local';
    fails('every function that sends email', stacks, 'prod');
  });

  test('a function that reads an SSM parameter nobody creates', () => {
    const stacks = copy('dev');
    resource(stacks, 'catalog', 'ListProductsLambdaFunction')
      .Properties!.Environment.Variables.CURSOR_SIGNING_KEY_PARAMETER = '/estore/dev/cursor-key';
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
    resource(otherSite, 'apiStage', 'ApiDomainName').Properties!.DomainName = 'api.estore-backend.net';
    fails('a storefront on its own site', otherSite, 'prod');
    const unmapped = copy('prod');
    delete unmapped.apiStage.Resources.ApiMapping;
    fails('a storefront on its own site', unmapped, 'prod');
    const wideCookies = copy('prod');
    resource(wideCookies, 'identity', 'LoginUserLambdaFunction').Properties!.Environment.Variables.COOKIE_DOMAIN =
      'shop.example.org';
    fails('a storefront on its own site', wideCookies, 'prod');
    const publicSuffix = copy('prod');
    resource(publicSuffix, 'identity', 'LoginUserLambdaFunction').Properties!.Environment.Variables.COOKIE_DOMAIN =
      'com';
    expect(rule('a storefront on its own site').check(publicSuffix, context('prod'))).toEqual([
      expect.stringMatching(/public suffix \(com\)/),
    ]);
  });

  test('a throttle below the modelled spike (GET /products at 5 requests/s, as before)', () => {
    const stacks = copy('prod');
    resource(stacks, 'apiStage', 'HttpApiStage').Properties!.RouteSettings['GET /products'].ThrottlingRateLimit = 5;
    fails("the API's throttles admit", stacks, 'prod');
    expect(rule("the API's throttles admit").check(real.dev, { ...context('dev'), traffic: {} })).not.toEqual([]);
  });

  test('a dead-letter queue any rule of any account may send to', () => {
    const stacks = copy('dev');
    delete resource(stacks, 'order', 'OrderEventsDlqPolicy').Properties!.PolicyDocument.Statement[0].Condition;
    fails('a queue policy', stacks);
  });

  test('a prod images bucket deleted with its stack', () => {
    const stacks = copy('prod');
    resource(stacks, 'catalog', 'ImagesBucket').DeletionPolicy = 'Delete';
    fails('buckets holding data are retained', stacks, 'prod');
  });
});
