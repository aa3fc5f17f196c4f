import type { CfnObject, CfnValue, Resource, Stacks, Template } from './templates';

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

/** Typed readers of CloudFormation values: each returns `undefined` (or `[]`) for a value of another shape. */
export const asObject = (value: CfnValue | undefined): CfnObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;

export const asString = (value: CfnValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

export const asNumber = (value: CfnValue | undefined): number | undefined =>
  typeof value === 'number' ? value : undefined;

/** A list as a list, a single value as a list of it, nothing as an empty list. */
export const asList = (value: CfnValue | undefined): CfnValue[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The strings of a value that is a string or a list of them. */
export const strings = (value: CfnValue | undefined): string[] =>
  asList(value).flatMap((item) => (typeof item === 'string' ? [item] : []));

/** The value at a path of keys (objects) and indexes (lists), or `undefined` where the path leaves the value. */
export function at(value: CfnValue | undefined, ...path: Array<string | number>): CfnValue | undefined {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
    else current = asObject(current)?.[step];
    if (current === undefined) return undefined;
  }
  return current;
}

/** A property of a resource, or a value deeper in its properties. */
export const property = (resource: Resource | undefined, ...path: Array<string | number>): CfnValue | undefined =>
  at(resource?.Properties, ...path);

/** The logical id or pseudo parameter a `{ Ref }` names. */
export const refOf = (value: CfnValue | undefined): string | undefined => asString(asObject(value)?.Ref);

/** The `[logicalId, attribute]` of a `Fn::GetAtt`, in its list or its dotted form. */
export function getAttOf(value: CfnValue | undefined): [string, ...string[]] | undefined {
  const getAtt = asObject(value)?.['Fn::GetAtt'];
  const parts = typeof getAtt === 'string' ? getAtt.split('.') : strings(getAtt);
  return getAtt && parts.length > 0 ? [parts[0], ...parts.slice(1)] : undefined;
}

export const entries = (template: Template, type: string): Array<[string, Resource]> =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** Each stack's resources of one type, as `[stack, logicalId, resource]`. */
export function each(stacks: Stacks, type: string): Array<[string, string, Resource]> {
  return Object.entries(stacks).flatMap(([stack, template]) =>
    entries(template, type).map(([id, resource]) => [stack, id, resource] as [string, string, Resource]),
  );
}

/** A CloudFormation value as text, intrinsics shown as `${Ref}` / `${GetAtt}`, for pattern checks. */
export function text(value: CfnValue | undefined): string {
  if (typeof value === 'string') return value;
  const object = asObject(value);
  if (object) {
    if ('Fn::Sub' in object) {
      const sub = object['Fn::Sub'];
      return text(Array.isArray(sub) ? sub[0] : sub);
    }
    if ('Fn::Join' in object) {
      const join = asList(object['Fn::Join']);
      return asList(join[1]).map(text).join(asString(join[0]));
    }
    if ('Ref' in object) return `\${${object.Ref}}`;
    if ('Fn::GetAtt' in object) return `\${${asList(object['Fn::GetAtt']).join('.')}}`;
    if ('Fn::ImportValue' in object) return `\${Import:${text(object['Fn::ImportValue'])}}`;
  }
  return JSON.stringify(value);
}

/** The list a `Fn::Split` of a literal produces, or the list itself. */
export function list(value: CfnValue | undefined): CfnValue[] {
  const object = asObject(value);
  if (object && 'Fn::Split' in object) {
    const [separator, source] = asList(object['Fn::Split']);
    return typeof source === 'string' && typeof separator === 'string' ? source.split(separator) : [object];
  }
  return asList(value);
}

/** The logical id a `Ref` or `Fn::GetAtt` points at. */
export function target(value: CfnValue | undefined): string | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  if (typeof object.Ref === 'string') return object.Ref;
  if (object['Fn::GetAtt']) return asString(asList(object['Fn::GetAtt'])[0]);
  return undefined;
}

/** An IAM policy statement, its actions as a list of strings. */
export interface Statement {
  Effect?: CfnValue;
  Action: string[];
  NotAction?: CfnValue;
  Resource?: CfnValue;
  Principal?: CfnValue;
  Condition?: CfnValue;
}

/** The statements of a policy document. */
export function policyStatements(document: CfnValue | undefined): Statement[] {
  return asList(at(document, 'Statement')).flatMap((value) => {
    const object = asObject(value);
    if (!object) return [];
    const { Effect, NotAction, Resource, Principal, Condition } = object;
    return [{ Effect, Action: strings(object.Action), NotAction, Resource, Principal, Condition }];
  });
}

export function statements(stacks: Stacks): Array<[string, string, Statement]> {
  const out: Array<[string, string, Statement]> = [];
  for (const [stack, id, role] of each(stacks, 'AWS::IAM::Role')) {
    for (const policy of asList(property(role, 'Policies'))) {
      for (const statement of policyStatements(at(policy, 'PolicyDocument'))) out.push([stack, id, statement]);
    }
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [stack, id, policy] of each(stacks, type)) {
      for (const statement of policyStatements(property(policy, 'PolicyDocument'))) out.push([stack, id, statement]);
    }
  }
  return out;
}

export const functions = (template: Template) => entries(template, 'AWS::Lambda::Function');

/**
 * A value as the text it becomes at deploy time, as far as the template alone says: joins and
 * subs are put together, a bus is named by its `Name`, pseudo parameters stay `${AWS::...}`.
 */
export function render(value: CfnValue | undefined, template: Template): string {
  if (typeof value === 'string') return value;
  const object = asObject(value);
  if (!object) return JSON.stringify(value);
  if ('Fn::Join' in object) {
    const [separator, parts] = asList(object['Fn::Join']);
    return asList(parts)
      .map((part) => render(part, template))
      .join(asString(separator));
  }
  if ('Fn::Sub' in object) {
    const sub = object['Fn::Sub'];
    const [source, variables] = Array.isArray(sub) ? sub : [sub, {}];
    const named = asObject(variables) ?? {};
    return String(source).replace(/\$\{([^}]+)\}/g, (_whole, name: string) =>
      name in named
        ? render(named[name], template)
        : name.includes('.')
          ? render({ 'Fn::GetAtt': name.split('.') }, template)
          : render({ Ref: name }, template),
    );
  }
  const ref = refOf(object);
  if (ref !== undefined) {
    if (PSEUDO_PARAMETERS.has(ref)) return `\${${ref}}`;
    const resource = template.Resources[ref];
    // Ref of a bus is its name.
    if (resource?.Type === 'AWS::Events::EventBus') return render(property(resource, 'Name'), template);
    return `\${${ref}}`;
  }
  if (object['Fn::GetAtt']) {
    const [id, attribute] = strings(object['Fn::GetAtt']);
    const resource = template.Resources[id];
    if (resource?.Type === 'AWS::Events::EventBus' && attribute === 'Name')
      return render(property(resource, 'Name'), template);
    return `\${${id}.${attribute}}`;
  }
  return text(value);
}
