import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  asList,
  asObject,
  each,
  functions,
  getAttOf,
  PSEUDO_PARAMETERS,
  property,
  refOf,
  render,
  statements,
} from './cfn';
import type { CfnValue, Stacks, Template } from './templates';
import { ROOT } from './topology';

/**
 * Cross-stack wiring: what one stack uses of another must exist, in a stack deployed before it.
 * CloudFormation only finds a dangling `Fn::ImportValue` or a compose output nobody declares at
 * deploy time, halfway through a stage; these checks find it in `npm test`, on the packaged stacks.
 */

export interface ComposeService {
  name: string;
  /** Stacks whose outputs its params read (`${stack.Output}`), and those it names in dependsOn. */
  dependsOn: string[];
  /** Its params that are compose outputs: param -> [stack, output]. */
  outputs: Record<string, [string, string]>;
}

export function readCompose(root = ROOT): ComposeService[] {
  const compose = parse(readFileSync(join(root, 'serverless-compose.yml'), 'utf8')) as {
    services: Record<string, { params?: Record<string, unknown>; dependsOn?: string[] }>;
  };
  return Object.entries(compose.services).map(([name, service]) => {
    const outputs: Record<string, [string, string]> = {};
    for (const [param, value] of Object.entries(service.params ?? {})) {
      const match = typeof value === 'string' ? /^\$\{([\w-]+)\.([\w-]+)\}$/.exec(value) : null;
      if (match) outputs[param] = [match[1], match[2]];
    }
    const dependsOn = [...new Set([...(service.dependsOn ?? []), ...Object.values(outputs).map(([stack]) => stack)])];
    return { name, dependsOn, outputs };
  });
}

/** Every stack a stack is deployed after: its dependencies and theirs. */
export function deployedBefore(services: ComposeService[]): Map<string, Set<string>> {
  const direct = new Map(services.map((service) => [service.name, service.dependsOn]));
  const before = new Map<string, Set<string>>();
  const visit = (name: string, trail: string[]): Set<string> => {
    if (trail.includes(name)) throw new Error(`compose dependency cycle: ${[...trail, name].join(' -> ')}`);
    const known = before.get(name);
    if (known) return known;
    const all = new Set<string>();
    for (const dependency of direct.get(name) ?? []) {
      all.add(dependency);
      for (const further of visit(dependency, [...trail, name])) all.add(further);
    }
    before.set(name, all);
    return all;
  };
  for (const service of services) visit(service.name, []);
  return before;
}

interface References {
  refs: Set<string>;
  imports: CfnValue[];
}

/** Every intrinsic in a value: the logical ids it names and the exports it imports. */
function references(value: CfnValue | undefined, found: References = { refs: new Set(), imports: [] }): References {
  if (Array.isArray(value)) for (const item of value) references(item, found);
  else {
    const object = asObject(value);
    if (!object) return found;
    const ref = refOf(object);
    if (ref !== undefined) found.refs.add(ref);
    if (object['Fn::GetAtt']) {
      const getAtt = getAttOf(object);
      if (getAtt) found.refs.add(getAtt[0]);
    }
    if (object['Fn::ImportValue'] !== undefined) found.imports.push(object['Fn::ImportValue']);
    if (object['Fn::Sub'] !== undefined) {
      const sub = object['Fn::Sub'];
      const [source, variables] = Array.isArray(sub) ? sub : [sub, {}];
      const named = asObject(variables) ?? {};
      for (const [, name] of String(source).matchAll(/\$\{(?!!)([^}]+)\}/g))
        if (!(name in named)) found.refs.add(name.split('.')[0]);
      references(variables, found);
    } else for (const item of Object.values(object)) references(item, found);
  }
  return found;
}

/** The references of a template's resources and outputs. */
function templateReferences(template: Template): References {
  const found: References = { refs: new Set(), imports: [] };
  for (const resource of Object.values(template.Resources))
    for (const attribute of Object.values(resource)) references(attribute, found);
  for (const output of Object.values(template.Outputs ?? {})) {
    references(output.Value, found);
    references(output.Export?.Name, found);
  }
  return found;
}

const exportsOf = (template: Template) =>
  Object.values(template.Outputs ?? {}).flatMap((output) =>
    output.Export ? [render(output.Export.Name, template)] : [],
  );

/** Names of the resources that other stacks reach by their deterministic name. */
function namedResources(stacks: Stacks): Set<string> {
  const names = new Set<string>();
  for (const [type, nameProperty] of [
    ['AWS::DynamoDB::Table', 'TableName'],
    ['AWS::S3::Bucket', 'BucketName'],
    ['AWS::Events::EventBus', 'Name'],
    ['AWS::SQS::Queue', 'QueueName'],
    ['AWS::SNS::Topic', 'TopicName'],
  ] as const) {
    for (const [stack, , resource] of each(stacks, type))
      names.add(render(property(resource, nameProperty), stacks[stack]));
  }
  return names;
}

/** Resource names that a function's environment or an IAM statement reaches by name, not by reference. */
function namesUsed(stacks: Stacks): Array<[string, string, string]> {
  const used: Array<[string, string, string]> = [];
  for (const [stack, template] of Object.entries(stacks)) {
    for (const [id, fn] of functions(template)) {
      for (const [variable, value] of Object.entries(asObject(property(fn, 'Environment', 'Variables')) ?? {})) {
        if (/(_TABLE|_BUCKET|EVENT_BUS_NAME)$/.test(variable) && typeof value === 'string' && value)
          used.push([stack, `${id} ${variable}`, value]);
      }
    }
  }
  for (const [stack, id, statement] of statements(stacks)) {
    for (const resource of asList(statement.Resource)) {
      const arn = render(resource, stacks[stack]);
      const match = /:table\/([\w.-]+)|:s3:::([\w.-]+?)(?:\/|$)|:event-bus\/([\w.-]+)$/.exec(arn);
      const name = match?.[1] ?? match?.[2] ?? match?.[3];
      if (name && !name.includes('${') && name !== '*') used.push([stack, `${id} (IAM)`, name]);
    }
  }
  return used;
}

/** Everything wrong with how the stacks of one stage refer to each other. */
export function wiringViolations(stacks: Stacks, services: ComposeService[]): string[] {
  const violations: string[] = [];
  const before = deployedBefore(services);
  const order = services.map((service) => service.name);
  for (const [stack, template] of Object.entries(stacks)) {
    const known = new Set([
      ...Object.keys(template.Resources),
      ...Object.keys(template.Parameters ?? {}),
      ...Object.keys(template.Conditions ?? {}),
    ]);
    const { refs, imports } = templateReferences(template);
    for (const ref of refs)
      if (!known.has(ref) && !PSEUDO_PARAMETERS.has(ref))
        violations.push(`${stack}: refers to ${ref}, which it does not define`);
    for (const imported of imports) {
      const name = render(imported, template);
      const exporter = order.find((other) => exportsOf(stacks[other] ?? { Resources: {} }).includes(name));
      if (!exporter) violations.push(`${stack}: imports ${name}, which no stack exports`);
      else if (!before.get(stack)?.has(exporter))
        violations.push(`${stack}: imports ${name} from ${exporter}, which compose does not deploy before it`);
    }
  }
  for (const service of services) {
    if (!stacks[service.name]) violations.push(`compose deploys ${service.name}, which was not packaged`);
    for (const [param, [from, output]] of Object.entries(service.outputs)) {
      if (!stacks[from])
        violations.push(`${service.name}: param ${param} reads ${from}.${output}, and compose has no stack ${from}`);
      else if (!stacks[from].Outputs?.[output])
        violations.push(`${service.name}: param ${param} reads ${from}.${output}, an output ${from} does not declare`);
    }
  }
  const names = namedResources(stacks);
  for (const [stack, where, name] of namesUsed(stacks))
    if (!names.has(name)) violations.push(`${stack}: ${where} names ${name}, which no stack of the stage creates`);
  // API Gateway refuses concurrent changes of one API (ConflictException): stacks that change it deploy in turn.
  const changesApi = (template: Template) =>
    Object.values(template.Resources).some((resource) =>
      /^AWS::ApiGatewayV2::(Route|Authorizer|Integration|Stage|ApiMapping)$/.test(resource.Type),
    );
  const onApi = order.filter((name) => stacks[name] && changesApi(stacks[name]));
  for (const [index, first] of onApi.entries()) {
    for (const second of onApi.slice(index + 1)) {
      if (!before.get(second)?.has(first) && !before.get(first)?.has(second))
        violations.push(`${first} and ${second} both change the HTTP API and compose may deploy them at once`);
    }
  }
  return violations;
}
