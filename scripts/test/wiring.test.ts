import { ensurePackaged, loadStacks, type Stacks, TEMPLATE_STAGES } from '../lib/templates';
import { type ComposeService, readCompose, wiringViolations } from '../lib/wiring';

/**
 * Every Ref, GetAtt, import and compose output a stack uses resolves to a resource or output that
 * exists, in a stack compose deploys before it; names reached across stacks exist; the stacks that
 * change the one HTTP API deploy one at a time. On the packaged dev and prod stacks.
 */
jest.setTimeout(600_000);

const real: Record<string, Stacks> = {};
const compose = readCompose();

beforeAll(async () => {
  await ensurePackaged(TEMPLATE_STAGES);
  for (const stage of TEMPLATE_STAGES) real[stage] = loadStacks(stage);
});

const copy = (stage: string): Stacks => structuredClone(real[stage]);
const service = (services: ComposeService[], name: string) => services.find((candidate) => candidate.name === name)!;

test.each(TEMPLATE_STAGES)('the %s stacks are wired to what exists, deployed before them', (stage) => {
  expect(wiringViolations(real[stage], compose)).toEqual([]);
});

describe('the wiring check fails', () => {
  test('on a Ref to a resource the stack does not define', () => {
    const stacks = copy('dev');
    stacks.order.Resources.OrderEventsDlqAlarm.Properties!.AlarmActions = [{ Ref: 'AlarmTopic' }];
    expect(wiringViolations(stacks, compose)).toContain('order: refers to AlarmTopic, which it does not define');
  });

  test('on an import nobody exports, and one from a stack deployed later', () => {
    const missing = copy('dev');
    delete missing.identity.Outputs!.UserPoolArn.Export;
    expect(wiringViolations(missing, compose).join('\n')).toMatch(
      /imports estore-dev-UserPoolArn, which no stack exports/,
    );
    const later = structuredClone(compose);
    service(later, 'admin').dependsOn = ['api'];
    expect(wiringViolations(real.dev, later).join('\n')).toMatch(
      /admin: imports estore-dev-UserPool\w+ from identity, which compose does not deploy before it/,
    );
  });

  test('on a compose output the stack does not declare', () => {
    const stacks = copy('dev');
    delete stacks.order.Outputs!.EventBusArn;
    expect(wiringViolations(stacks, compose)).toContain(
      'payment: param eventBusArn reads order.EventBusArn, an output order does not declare',
    );
  });

  test('on a table reached by a name no stack creates', () => {
    const stacks = copy('dev');
    stacks.catalog.Resources.ProductsTable.Properties!.TableName = 'estore-catalog-dev-items';
    expect(wiringViolations(stacks, compose).join('\n')).toMatch(
      /order: .* names estore-catalog-dev-products, which no stack of the stage creates/,
    );
  });

  test('on two stacks that change the HTTP API at once', () => {
    const parallel = structuredClone(compose);
    service(parallel, 'catalog').dependsOn = ['api', 'identity'];
    expect(wiringViolations(real.dev, parallel)).toContain(
      'order and catalog both change the HTTP API and compose may deploy them at once',
    );
  });
});
