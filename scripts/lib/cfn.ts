import type { Cfn, Resource, Stacks, Template } from './templates';

/** Readers of packaged CloudFormation shared by the template rules and the wiring checks. */

/** CloudFormation's pseudo parameters: `Ref`s every template may use without defining them. */
export const PSEUDO_PARAMETERS = new Set([
  'AWS::Partition',
  'AWS::Region',
  'AWS::AccountId',
  'AWS::URLSuffix',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
]);

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const entries = (template: Template, type: string): Array<[string, Resource]> =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** Each stack's resources of one type, as `[stack, logicalId, resource]`. */
export function each(stacks: Stacks, type: string): Array<[string, string, Resource]> {
  return Object.entries(stacks).flatMap(([stack, template]) =>
    entries(template, type).map(([id, resource]) => [stack, id, resource] as [string, string, Resource]),
  );
}

/** A CloudFormation value as text, intrinsics shown as `${Ref}` / `${GetAtt}`, for pattern checks. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const object = value as Record<string, Cfn>;
    if ('Fn::Sub' in object) return text(Array.isArray(object['Fn::Sub']) ? object['Fn::Sub'][0] : object['Fn::Sub']);
    if ('Fn::Join' in object) return (object['Fn::Join'][1] as unknown[]).map(text).join(object['Fn::Join'][0]);
    if ('Ref' in object) return `\${${object.Ref}}`;
    if ('Fn::GetAtt' in object) return `\${${asArray(object['Fn::GetAtt']).join('.')}}`;
    if ('Fn::ImportValue' in object) return `\${Import:${text(object['Fn::ImportValue'])}}`;
  }
  return JSON.stringify(value);
}

/** The list a `Fn::Split` of a literal produces, or the list itself. */
export function list(value: unknown): unknown[] {
  if (value && typeof value === 'object' && 'Fn::Split' in (value as object)) {
    const [separator, source] = (value as { 'Fn::Split': [string, unknown] })['Fn::Split'];
    return typeof source === 'string' ? source.split(separator) : [value];
  }
  return asArray(value as unknown[]);
}

/** The logical id a `Ref` or `Fn::GetAtt` points at. */
export function target(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const object = value as Record<string, Cfn>;
  if (typeof object.Ref === 'string') return object.Ref;
  if (object['Fn::GetAtt']) return asArray(object['Fn::GetAtt'])[0] as string;
  return undefined;
}

export interface Statement {
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export function statements(stacks: Stacks): Array<[string, string, Statement]> {
  const out: Array<[string, string, Statement]> = [];
  for (const [stack, id, role] of each(stacks, 'AWS::IAM::Role')) {
    for (const policy of asArray(role.Properties?.Policies)) {
      for (const statement of asArray(policy.PolicyDocument?.Statement)) out.push([stack, id, statement as Statement]);
    }
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [stack, id, policy] of each(stacks, type)) {
      for (const statement of asArray(policy.Properties?.PolicyDocument?.Statement))
        out.push([stack, id, statement as Statement]);
    }
  }
  return out;
}

export const functions = (template: Template) => entries(template, 'AWS::Lambda::Function');

/**
 * A value as the text it becomes at deploy time, as far as the template alone says: joins and
 * subs are put together, a bus is named by its `Name`, pseudo parameters stay `${AWS::...}`.
 */
export function render(value: unknown, template: Template): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  const object = value as Record<string, Cfn>;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => render(part, template)).join(separator);
  }
  if ('Fn::Sub' in object) {
    const [source, variables] = Array.isArray(object['Fn::Sub']) ? object['Fn::Sub'] : [object['Fn::Sub'], {}];
    return (source as string).replace(/\$\{([^}]+)\}/g, (_whole, name: string) =>
      name in variables
        ? render(variables[name], template)
        : name.includes('.')
          ? render({ 'Fn::GetAtt': name.split('.') }, template)
          : render({ Ref: name }, template),
    );
  }
  if (typeof object.Ref === 'string') {
    if (PSEUDO_PARAMETERS.has(object.Ref)) return `\${${object.Ref}}`;
    const resource = template.Resources[object.Ref];
    // Ref of a bus is its name.
    if (resource?.Type === 'AWS::Events::EventBus') return render(resource.Properties?.Name, template);
    return `\${${object.Ref}}`;
  }
  if (object['Fn::GetAtt']) {
    const [id, attribute] = asArray(object['Fn::GetAtt']) as string[];
    const resource = template.Resources[id];
    if (resource?.Type === 'AWS::Events::EventBus' && attribute === 'Name')
      return render(resource.Properties?.Name, template);
    return `\${${id}.${attribute}}`;
  }
  return text(value);
}
