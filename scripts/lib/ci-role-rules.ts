import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Tags } from 'yaml';
import { type Outcomes, templateOutcomes } from './github-expressions';
import { ROOT } from './topology';

/**
 * The CI deploy and the role it assumes must agree: `.github/workflows/ci.yml` (the deploy job,
 * which presents GitHub's OIDC token) and `services/platform/ci-role/ci-role.yml` (the role's trust policy,
 * which accepts or refuses that token). A job that names a GitHub environment presents the subject
 * `repo:<owner>/<repo>:environment:<name>`, one without it `repo:<owner>/<repo>:ref:<ref>`; a trust
 * policy written for the other form refuses every deploy. Each rule reads both files and returns
 * its violations; none means it holds. Tests: scripts/test/ci-role.test.ts.
 */

export const WORKFLOW_FILE = '.github/workflows/ci.yml';
export const ROLE_TEMPLATE_FILE = 'services/platform/ci-role/ci-role.yml';
export const DOCS_FILE = 'docs/deploy.md';
export const OIDC_HOST = 'token.actions.githubusercontent.com';
export const SUB = `${OIDC_HOST}:sub`;
export const AUD = `${OIDC_HOST}:aud`;
/** The only audience configure-aws-credentials asks GitHub for (its `audience` default). */
export const STS_AUDIENCE = 'sts.amazonaws.com';
/** The template names the repository with these parameters; subjects are compared with them as placeholders. */
export const OWNER = '<owner>';
export const REPO = '<repo>';
const PLACEHOLDERS: Record<string, string> = { GitHubOwner: OWNER, GitHubRepo: REPO };

type Json = Record<string, unknown>;

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'working-directory'?: string;
}

export interface Job {
  if?: string;
  environment?: string | { name?: string; url?: string };
  permissions?: string | Record<string, string>;
  env?: Record<string, unknown>;
  steps?: Step[];
  defaults?: { run?: { 'working-directory'?: string } };
}

export interface Workflow {
  on?: unknown;
  permissions?: string | Record<string, string>;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

export interface CiInputs {
  workflow: Workflow;
  /** The role template, short-form intrinsics turned into their long form (`!Sub x` -> `{ 'Fn::Sub': x }`). */
  template: Json;
  /** `provider.region` of each stack compose deploys, as written in its serverless.yml. */
  stackRegions: Record<string, string | undefined>;
}

export interface CiRule {
  name: string;
  check(inputs: CiInputs): string[];
}

// ---------------------------------------------------------------------------------------------
// Reading the files

const INTRINSICS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Condition',
  'Ref',
];
const intrinsicKey = (name: string): string => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

/** The YAML tags of CloudFormation's short form, each resolved to the long form. */
export const CFN_TAGS: Tags = INTRINSICS.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (value: string) => ({ [intrinsicKey(name)]: name === 'GetAtt' ? value.split('.') : value }),
  },
  {
    tag: `!${name}`,
    collection: 'seq' as const,
    resolve: (value: { toJSON(): unknown }) => ({ [intrinsicKey(name)]: value.toJSON() }),
  },
  {
    tag: `!${name}`,
    collection: 'map' as const,
    resolve: (value: { toJSON(): unknown }) => ({ [intrinsicKey(name)]: value.toJSON() }),
  },
]);

/** A CloudFormation template written in YAML (short-form tags allowed). */
export const parseCfnYaml = (text: string): Json => parse(text, { customTags: CFN_TAGS }) as Json;

export const parseWorkflow = (text: string): Workflow => parse(text) as Workflow;

/** `provider.region` of every stack of serverless-compose.yml (raw text, variables unresolved). */
export function readStackRegions(root = ROOT): Record<string, string | undefined> {
  const compose = parse(readFileSync(join(root, 'serverless-compose.yml'), 'utf8')) as {
    services: Record<string, { path: string }>;
  };
  return Object.fromEntries(
    Object.entries(compose.services).map(([name, service]) => {
      const config = parseCfnYaml(readFileSync(join(root, service.path, 'serverless.yml'), 'utf8')) as {
        provider?: { region?: unknown };
      };
      const region = config.provider?.region;
      return [name, typeof region === 'string' ? region : region === undefined ? undefined : JSON.stringify(region)];
    }),
  );
}

export function loadCiInputs(root = ROOT): CiInputs {
  return {
    workflow: parseWorkflow(readFileSync(join(root, WORKFLOW_FILE), 'utf8')),
    template: parseCfnYaml(readFileSync(join(root, ROLE_TEMPLATE_FILE), 'utf8')),
    stackRegions: readStackRegions(root),
  };
}

const asArray = <T>(value: T | T[] | undefined | null): T[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

// ---------------------------------------------------------------------------------------------
// The workflow's deploy job

const DEPLOY = /\bserverless\s+deploy\b/;
const INFO = /\bserverless\s+info\b/;

/** The job that runs `serverless deploy`. */
export function deployJob(workflow: Workflow): [string, Job] | undefined {
  return Object.entries(workflow.jobs ?? {}).find(([, job]) =>
    (job.steps ?? []).some((step) => typeof step.run === 'string' && DEPLOY.test(step.run)),
  );
}

const credentialsStep = (job: Job): Step | undefined =>
  (job.steps ?? []).find(
    (step) => typeof step.uses === 'string' && step.uses.startsWith('aws-actions/configure-aws-credentials@'),
  );

/** The names of the GitHub environments the job can run in ([] when it names none). */
export function environmentNames(job: Job): Outcomes {
  const environment =
    typeof job.environment === 'object' && job.environment !== null ? job.environment.name : job.environment;
  if (environment === undefined || environment === null || environment === '') return { values: [], open: false };
  return templateOutcomes(String(environment));
}

/** `on.push.tags` of the workflow. */
function pushTags(workflow: Workflow): string[] {
  const on = workflow.on as { push?: { tags?: string | string[] } } | undefined;
  return typeof on === 'object' && on !== null ? asArray(on.push?.tags) : [];
}

/**
 * The OIDC subjects the deploy job presents, with the repository as `<owner>/<repo>`: one per
 * environment it can name, or (a job without environment) one per tag pattern it is pushed for.
 */
export function deploySubjects(workflow: Workflow): { subjects: string[]; problems: string[] } {
  const found = deployJob(workflow);
  if (!found) return { subjects: [], problems: [`${WORKFLOW_FILE}: no job runs \`serverless deploy\``] };
  const [name, job] = found;
  const environments = environmentNames(job);
  const problems = environments.open
    ? [
        `${WORKFLOW_FILE}: job ${name}'s environment can be a value that is not a literal, so its OIDC subject cannot be known in advance`,
      ]
    : [];
  if (environments.values.length > 0 || environments.open) {
    return {
      subjects: environments.values.map((environment) => `repo:${OWNER}/${REPO}:environment:${environment}`),
      problems,
    };
  }
  const tags = pushTags(workflow);
  if (tags.length === 0)
    problems.push(`${WORKFLOW_FILE}: job ${name} names no environment and the workflow runs for no tag`);
  return { subjects: tags.map((tag) => `repo:${OWNER}/${REPO}:ref:refs/tags/${tag}`), problems };
}

/** The job's effective `permissions` (its own, else the workflow's). */
function permissionsOf(workflow: Workflow, job: Job): string | Record<string, string> | undefined {
  return job.permissions ?? workflow.permissions;
}

const expressionText = (value: unknown): string => String(value ?? '').replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------
// The role template's trust policy

interface TrustStatement {
  role: string;
  sid: string;
  statement: Json;
}

/** A CloudFormation value as text: Fn::Sub with the template's placeholders, Ref as `${Name}`. */
function cfnText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const object = value as Json;
    if ('Fn::Sub' in object)
      return cfnText(Array.isArray(object['Fn::Sub']) ? object['Fn::Sub'][0] : object['Fn::Sub']);
    if ('Ref' in object) return `\${${String(object.Ref)}}`;
    if ('Fn::Join' in object) {
      const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
      return parts.map(cfnText).join(separator);
    }
  }
  return JSON.stringify(value);
}

/** A subject as written in the template, the repository parameters as `<owner>` / `<repo>`. */
const templateSubject = (value: unknown): string =>
  cfnText(value).replace(/\$\{(\w+)\}/g, (whole, name: string) => PLACEHOLDERS[name] ?? whole);

const resources = (template: Json): Record<string, Json> => (template.Resources ?? {}) as Record<string, Json>;

/** Whether a trust statement's Federated principal is GitHub's OIDC provider (every branch of an Fn::If). */
function isGitHubProvider(template: Json, principal: unknown): boolean {
  if (principal && typeof principal === 'object') {
    const object = principal as Json;
    if ('Fn::If' in object) {
      const [, yes, no] = object['Fn::If'] as unknown[];
      return isGitHubProvider(template, yes) && isGitHubProvider(template, no);
    }
    if (typeof object.Ref === 'string') {
      const provider = resources(template)[object.Ref];
      return (
        provider?.Type === 'AWS::IAM::OIDCProvider' &&
        cfnText((provider.Properties as Json | undefined)?.Url) === `https://${OIDC_HOST}`
      );
    }
  }
  return cfnText(principal).endsWith(`:oidc-provider/${OIDC_HOST}`);
}

/** Every statement of a role's trust policy that lets GitHub's OIDC tokens in. */
export function trustStatements(template: Json): TrustStatement[] {
  return Object.entries(resources(template))
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .flatMap(([role, resource]) => {
      const document = (resource.Properties as Json | undefined)?.AssumeRolePolicyDocument as Json | undefined;
      return asArray(document?.Statement as Json[])
        .filter(
          (statement) =>
            statement.Effect === 'Allow' &&
            isGitHubProvider(template, (statement.Principal as Json | undefined)?.Federated),
        )
        .map((statement, index) => ({ role, sid: String(statement.Sid ?? `#${index}`), statement }));
    });
}

const conditionValues = (statement: Json, operator: string, key: string): unknown[] | undefined => {
  const block = (statement.Condition as Record<string, Json> | undefined)?.[operator];
  return block && key in block ? asArray(block[key] as unknown) : undefined;
};

/** The condition operators a statement applies to one key. */
const operatorsOn = (statement: Json, key: string): string[] =>
  Object.entries((statement.Condition ?? {}) as Record<string, Json>)
    .filter(([, block]) => block && key in block)
    .map(([operator]) => operator);

const hasWildcard = (value: string): boolean => /[*?]/.test(value);

// ---------------------------------------------------------------------------------------------
// The rules

const deployJobOf = (inputs: CiInputs): [string, Job] => {
  const found = deployJob(inputs.workflow);
  if (!found) throw new Error(`${WORKFLOW_FILE}: no job runs \`serverless deploy\``);
  return found;
};

export const CI_RULES: CiRule[] = [
  {
    name: 'the deploy job may ask GitHub for an OIDC token (permissions: id-token: write)',
    check(inputs) {
      const [name, job] = deployJobOf(inputs);
      const permissions = permissionsOf(inputs.workflow, job);
      const ok = typeof permissions === 'object' && permissions !== null && permissions['id-token'] === 'write';
      return ok
        ? []
        : [
            `${WORKFLOW_FILE}: job ${name} does not grant \`id-token: write\`, so GitHub gives it no token to assume the role with`,
          ];
    },
  },
  {
    name: 'the deploy job assumes the role named by vars.AWS_DEPLOY_ROLE_ARN, with no stored keys',
    check(inputs) {
      const [name, job] = deployJobOf(inputs);
      const step = credentialsStep(job);
      if (!step) return [`${WORKFLOW_FILE}: job ${name} has no aws-actions/configure-aws-credentials step`];
      const problems: string[] = [];
      if (expressionText(step.with?.['role-to-assume']) !== '${{vars.AWS_DEPLOY_ROLE_ARN}}') {
        problems.push(
          `${WORKFLOW_FILE}: job ${name} assumes ${JSON.stringify(step.with?.['role-to-assume'])}, not \${{ vars.AWS_DEPLOY_ROLE_ARN }}`,
        );
      }
      for (const key of [
        'aws-access-key-id',
        'aws-secret-access-key',
        'aws-session-token',
        'web-identity-token-file',
      ]) {
        if (step.with && key in step.with)
          problems.push(
            `${WORKFLOW_FILE}: job ${name} passes \`${key}\`: the role is assumed with GitHub's OIDC token only`,
          );
      }
      const audience = step.with?.audience;
      if (audience !== undefined && audience !== STS_AUDIENCE)
        problems.push(
          `${WORKFLOW_FILE}: job ${name} asks for the audience ${String(audience)}; the role accepts ${STS_AUDIENCE}`,
        );
      return problems;
    },
  },
  {
    name: "the role trusts GitHub's OIDC provider, for the audience sts.amazonaws.com only",
    check(inputs) {
      const statements = trustStatements(inputs.template);
      if (statements.length === 0)
        return [`${ROLE_TEMPLATE_FILE}: no role trusts GitHub's OIDC provider (${OIDC_HOST})`];
      return statements.flatMap(({ role, sid, statement }) => {
        const problems: string[] = [];
        if (!asArray(statement.Action as string | string[]).includes('sts:AssumeRoleWithWebIdentity')) {
          problems.push(`${ROLE_TEMPLATE_FILE}: ${role} ${sid} does not allow sts:AssumeRoleWithWebIdentity`);
        }
        const audiences = conditionValues(statement, 'StringEquals', AUD);
        if (!audiences || audiences.length !== 1 || audiences[0] !== STS_AUDIENCE) {
          problems.push(
            `${ROLE_TEMPLATE_FILE}: ${role} ${sid} must require StringEquals ${AUD} = ${STS_AUDIENCE} (found ${JSON.stringify(audiences ?? null)})`,
          );
        }
        const others = operatorsOn(statement, AUD).filter((operator) => operator !== 'StringEquals');
        if (others.length > 0)
          problems.push(`${ROLE_TEMPLATE_FILE}: ${role} ${sid} also tests ${AUD} with ${others.join(', ')}`);
        return problems;
      });
    },
  },
  {
    name: "the trust policy's OIDC subjects are exactly the ones the deploy job presents",
    check(inputs) {
      const { subjects: expected, problems } = deploySubjects(inputs.workflow);
      const statements = trustStatements(inputs.template);
      if (statements.length === 0)
        return [...problems, `${ROLE_TEMPLATE_FILE}: no role trusts GitHub's OIDC provider (${OIDC_HOST})`];
      const trusted: Array<{ subject: string; like: boolean; where: string }> = [];
      for (const { role, sid, statement } of statements) {
        const where = `${role} ${sid}`;
        const operators = operatorsOn(statement, SUB);
        if (operators.length === 0) {
          problems.push(
            `${ROLE_TEMPLATE_FILE}: ${where} has no ${SUB} condition: any workflow of any repository could assume the role`,
          );
          continue;
        }
        for (const operator of operators) {
          if (operator !== 'StringEquals' && operator !== 'StringLike') {
            problems.push(
              `${ROLE_TEMPLATE_FILE}: ${where} tests ${SUB} with ${operator}; only StringEquals (or StringLike) lists what is trusted`,
            );
            continue;
          }
          for (const value of conditionValues(statement, operator, SUB) ?? [])
            trusted.push({ subject: templateSubject(value), like: operator === 'StringLike', where });
        }
      }
      for (const { subject, like, where } of trusted) {
        if (!expected.includes(subject)) {
          problems.push(
            `${ROLE_TEMPLATE_FILE}: ${where} trusts ${subject}, a subject the deploy job never presents (it presents ${expected.join(', ') || 'none'})`,
          );
        } else if (like && hasWildcard(subject) && !subject.includes(':ref:refs/tags/')) {
          problems.push(
            `${ROLE_TEMPLATE_FILE}: ${where} trusts ${subject} with a wildcard: an environment subject is exact`,
          );
        } else if (!like && hasWildcard(subject)) {
          problems.push(
            `${ROLE_TEMPLATE_FILE}: ${where} has ${subject} under StringEquals, where * matches only itself`,
          );
        }
      }
      for (const subject of expected) {
        if (!trusted.some((entry) => entry.subject === subject)) {
          problems.push(`${ROLE_TEMPLATE_FILE}: the deploy job presents ${subject}, which the trust policy refuses`);
        }
      }
      return problems;
    },
  },
  {
    name: 'the deploy and info steps reach the region of vars.AWS_REGION',
    check(inputs) {
      const [name, job] = deployJobOf(inputs);
      const problems: string[] = [];
      const step = credentialsStep(job);
      const jobEnv = { ...(inputs.workflow.env ?? {}), ...(job.env ?? {}) };
      const fromVars = (value: unknown): boolean => /\bvars\.AWS_REGION\b/.test(String(value ?? ''));
      const region = expressionText(step?.with?.['aws-region']);
      if (
        step &&
        !fromVars(step.with?.['aws-region']) &&
        !(region === '${{env.AWS_REGION}}' && fromVars(jobEnv.AWS_REGION))
      ) {
        problems.push(
          `${WORKFLOW_FILE}: job ${name}'s credentials are for ${JSON.stringify(step.with?.['aws-region'])}, not the region of vars.AWS_REGION`,
        );
      }
      const commands = (job.steps ?? []).filter(
        (candidate) => typeof candidate.run === 'string' && (DEPLOY.test(candidate.run) || INFO.test(candidate.run)),
      );
      for (const command of commands) {
        const env = { ...jobEnv, ...(command.env ?? {}) };
        const what = `job ${name}'s \`${String(command.run).trim()}\``;
        if (!fromVars(env.AWS_REGION)) {
          problems.push(
            `${WORKFLOW_FILE}: ${what} runs without AWS_REGION from vars.AWS_REGION in its environment, so every stack goes to its default region`,
          );
        }
        const compose = !command['working-directory'] && !job.defaults?.run?.['working-directory'];
        if (compose && /--region\b/.test(String(command.run))) {
          problems.push(
            `${WORKFLOW_FILE}: ${what} passes --region, which osls compose refuses ("Unrecognized CLI options"); pass AWS_REGION in the environment`,
          );
        }
      }
      if (commands.length === 0)
        problems.push(`${WORKFLOW_FILE}: job ${name} runs no \`serverless deploy\` or \`serverless info\``);
      for (const [stack, stackRegion] of Object.entries(inputs.stackRegions)) {
        if (!/\benv:AWS_REGION\b/.test(stackRegion ?? '')) {
          problems.push(
            `${stack}: provider.region is ${JSON.stringify(stackRegion ?? null)}, which ignores AWS_REGION: the stack would land in its default region`,
          );
        }
      }
      return problems;
    },
  },
];

const SELF_EDIT = /^iam:(\*|Put\w*|Attach\w*|Update\w*|Delete\w*|Detach\w*|Create\w*|Tag\w*|Untag\w*|PassRole)$/;

/** An IAM resource pattern (intrinsics as `*`) as a regular expression. */
const arnPattern = (resource: unknown): RegExp => {
  const glob = (part: string): string =>
    part
      .replace(/[.+^$()|[\]\\{}]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
  return new RegExp(
    `^${cfnText(resource)
      .split(/\$\{[^}]+\}/)
      .map(glob)
      .join('.*')}$`,
  );
};

/** The Allow statements of the role's inline policies and of the managed policies attached to it. */
function roleStatements(template: Json, role: string): Json[] {
  const own = ((resources(template)[role]?.Properties as Json | undefined)?.Policies ?? []) as Json[];
  const managed = Object.values(resources(template)).filter(
    (resource) =>
      resource.Type === 'AWS::IAM::ManagedPolicy' &&
      asArray((resource.Properties as Json | undefined)?.Roles as unknown[]).some(
        (entry) => cfnText(entry) === `\${${role}}`,
      ),
  );
  return [...own, ...managed.map((resource) => resource.Properties as Json)].flatMap((policy) =>
    asArray((policy.PolicyDocument as Json | undefined)?.Statement as Json[]),
  );
}

CI_RULES.push({
  name: 'the deploy role cannot rewrite its own policies',
  check(inputs) {
    const problems: string[] = [];
    for (const role of new Set(trustStatements(inputs.template).map((entry) => entry.role))) {
      const name = (resources(inputs.template)[role].Properties as Json | undefined)?.RoleName;
      if (typeof name !== 'string') {
        problems.push(
          `${ROLE_TEMPLATE_FILE}: ${role} has no fixed RoleName: CloudFormation would name it after the stack (estore-ci-role-...), inside the estore-* roles it manages`,
        );
        continue;
      }
      const arn = `arn:aws:iam::123456789012:role/${name}`;
      for (const statement of roleStatements(inputs.template, role)) {
        if (statement.Effect !== 'Allow') continue;
        const actions = asArray(statement.Action as string | string[]).filter((action) => SELF_EDIT.test(action));
        const resourcesOf = asArray(statement.Resource as unknown);
        if (actions.length > 0 && resourcesOf.some((resource) => arnPattern(resource).test(arn))) {
          problems.push(
            `${ROLE_TEMPLATE_FILE}: ${role} (${name}) may ${actions.join(', ')} itself (statement ${String(statement.Sid ?? '')})`,
          );
        }
      }
    }
    return problems;
  },
});

/**
 * docs/deploy.md must state the subjects the deploy job presents: every `:environment:<name>` it
 * names is one of the job's environments and each of them is named, and it shows no `ref:refs/...`
 * subject the job never presents (the old `ref:refs/tags/v*` trust refuses every deploy).
 */
export function checkDocs(markdown: string, expected: string[]): string[] {
  const problems: string[] = [];
  const expectedEnvironments = expected
    .map((subject) => /:environment:(.+)$/.exec(subject)?.[1])
    .filter((name): name is string => Boolean(name));
  const stated = [...new Set([...markdown.matchAll(/:environment:([A-Za-z0-9_-]+)/g)].map((match) => match[1]))];
  for (const environment of stated) {
    if (!expectedEnvironments.includes(environment))
      problems.push(`${DOCS_FILE}: states the subject environment:${environment}, which the deploy job never presents`);
  }
  for (const environment of expectedEnvironments) {
    if (!stated.includes(environment))
      problems.push(
        `${DOCS_FILE}: does not state the subject repo:<owner>/<repo>:environment:${environment} of the deploy job`,
      );
  }
  const expectedRefs = expected
    .map((subject) => /:(ref:refs\/.+)$/.exec(subject)?.[1])
    .filter((ref): ref is string => Boolean(ref));
  for (const match of markdown.matchAll(/ref:refs\/[^\s`'")]+/g)) {
    if (!expectedRefs.includes(match[0]))
      problems.push(`${DOCS_FILE}: states the subject ${match[0]}, which the deploy job never presents`);
  }
  return problems;
}
