import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CI_RULES,
  type CiInputs,
  type CiRule,
  checkDocs,
  DOCS_FILE,
  deployJob,
  deploySubjects,
  type Job,
  loadCiInputs,
  OWNER,
  REPO,
  SUB,
  trustStatements,
} from '../lib/ci-role-rules';
import { expressionOutcomes } from '../lib/github-expressions';
import { ROOT } from '../lib/topology';

/**
 * The CI deploy job (.github/workflows/ci.yml) and the role it assumes (services/platform/ci-role/ci-role.yml)
 * against the rules of scripts/lib/ci-role-rules.ts: each holds on the real files and fails on a
 * copy broken the way it guards against. No AWS, no network.
 */

const real = loadCiInputs();
const copy = (): CiInputs => structuredClone(real);
const rule = (prefix: string): CiRule => {
  const found = CI_RULES.find((candidate) => candidate.name.startsWith(prefix));
  if (!found) throw new Error(`no rule starts with "${prefix}"`);
  return found;
};
const job = (inputs: CiInputs): Job => deployJob(inputs.workflow)![1];
const trust = (inputs: CiInputs) =>
  trustStatements(inputs.template)[0].statement as { Condition: Record<string, Record<string, unknown>> };
const fails = (prefix: string, inputs: CiInputs, message?: RegExp) => {
  const problems = rule(prefix).check(inputs);
  expect(problems).not.toEqual([]);
  if (message) expect(problems.join('\n')).toMatch(message);
};
const sub = (environment: string) => ({ 'Fn::Sub': `repo:\${GitHubOwner}/\${GitHubRepo}:environment:${environment}` });
const ENVIRONMENT_SUBJECTS = ['dev', 'prod'].map((environment) => `repo:${OWNER}/${REPO}:environment:${environment}`);

describe('the real workflow and role template', () => {
  test.each(CI_RULES.map((candidate) => [candidate.name, candidate] as const))('%s', (_name, candidate) => {
    expect(candidate.check(real)).toEqual([]);
  });

  test('the deploy job presents one subject per environment it can name: dev and prod', () => {
    expect(deploySubjects(real.workflow)).toEqual({ subjects: ENVIRONMENT_SUBJECTS, problems: [] });
  });

  test('the OIDC provider is optional and the role trusts it either way', () => {
    const template = real.template as {
      Parameters: Record<string, unknown>;
      Resources: Record<string, { Condition?: string; Type: string }>;
    };
    expect(Object.keys(template.Parameters)).toEqual(
      expect.arrayContaining(['GitHubOwner', 'GitHubRepo', 'CreateOidcProvider']),
    );
    expect(template.Resources.GitHubOidcProvider).toMatchObject({
      Type: 'AWS::IAM::OIDCProvider',
      Condition: 'CreatesOidcProvider',
    });
    expect(trustStatements(real.template)).toHaveLength(1);
  });
});

describe('the environments an expression can name', () => {
  test.each([
    ["contains(github.ref_name, '-dev') && 'dev' || 'prod'", ['dev', 'prod'], false],
    ["'prod'", ['prod'], false],
    ["'prod' || 'dev'", ['prod'], false],
    [
      "startsWith(github.ref, 'refs/tags/v') && (contains(github.ref_name, '-rc') && 'staging' || 'prod') || 'dev'",
      ['staging', 'prod', 'dev'],
      false,
    ],
    ["github.event_name == 'push' && 'prod'", ['prod'], false],
    ['github.ref_name', [], true],
    ["inputs.stage || 'dev'", ['dev'], true],
    ["format('{0}', github.ref_name)", [], true],
  ])('%s', (expression, values, open) => {
    expect(expressionOutcomes(expression as string)).toEqual({ values, open });
  });
});

describe('each rule fails on a copy that breaks it', () => {
  test('a trust policy written for tags (ref:refs/tags/v*), the subject of a job without environment', () => {
    const inputs = copy();
    const condition = trust(inputs).Condition;
    delete condition.StringEquals[SUB];
    condition.StringLike = { [SUB]: { 'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepo}:ref:refs/tags/v*' } };
    fails(
      'the trust policy',
      inputs,
      /ref:refs\/tags\/v\*, a subject the deploy job never presents[\s\S]*environment:dev, which the trust policy refuses/,
    );
  });

  test('a trust policy missing an environment the job can name', () => {
    const inputs = copy();
    trust(inputs).Condition.StringEquals[SUB] = [sub('dev')];
    fails('the trust policy', inputs, /environment:prod, which the trust policy refuses/);
  });

  test('a trust policy with an environment the job never names', () => {
    const inputs = copy();
    trust(inputs).Condition.StringEquals[SUB] = [sub('dev'), sub('prod'), sub('staging')];
    fails('the trust policy', inputs, /environment:staging, a subject the deploy job never presents/);
  });

  test('a wildcard wider than needed', () => {
    const inputs = copy();
    const condition = trust(inputs).Condition;
    delete condition.StringEquals[SUB];
    condition.StringLike = { [SUB]: [sub('*')] };
    fails('the trust policy', inputs, /environment:\*/);
    condition.StringLike = { [SUB]: [sub('dev'), sub('prod'), { 'Fn::Sub': 'repo:${GitHubOwner}/*' }] };
    fails('the trust policy', inputs, /repo:<owner>\/\*, a subject the deploy job never presents/);
  });

  test('a trust policy with no subject condition (any repository could assume the role)', () => {
    const inputs = copy();
    delete trust(inputs).Condition.StringEquals[SUB];
    fails('the trust policy', inputs, /no token\.actions\.githubusercontent\.com:sub condition/);
  });

  test('a deploy job that names no environment (it would present ref:refs/tags/v*)', () => {
    const inputs = copy();
    delete job(inputs).environment;
    expect(deploySubjects(inputs.workflow).subjects).toEqual([`repo:${OWNER}/${REPO}:ref:refs/tags/v*`]);
    fails(
      'the trust policy',
      inputs,
      /presents repo:<owner>\/<repo>:ref:refs\/tags\/v\*, which the trust policy refuses/,
    );
  });

  test('a deploy job that can name another environment', () => {
    const inputs = copy();
    job(inputs).environment =
      "${{ contains(github.ref_name, '-rc') && 'staging' || contains(github.ref_name, '-dev') && 'dev' || 'prod' }}";
    fails('the trust policy', inputs, /environment:staging, which the trust policy refuses/);
  });

  test('a deploy job whose environment is not a literal', () => {
    const inputs = copy();
    job(inputs).environment = { name: '${{ github.ref_name }}' };
    fails('the trust policy', inputs, /not a literal/);
  });

  test('no id-token permission', () => {
    const inputs = copy();
    delete (job(inputs).permissions as Record<string, string>)['id-token'];
    fails('the deploy job may ask', inputs, /id-token: write/);
    delete job(inputs).permissions; // the workflow's `contents: read` applies
    fails('the deploy job may ask', inputs, /id-token: write/);
  });

  test('a role ARN that is not vars.AWS_DEPLOY_ROLE_ARN, or stored keys', () => {
    const inputs = copy();
    const credentials = job(inputs).steps!.find((step) =>
      step.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    )!;
    credentials.with!['role-to-assume'] = '${{ secrets.DEPLOY_ROLE }}';
    fails('the deploy job assumes', inputs, /secrets\.DEPLOY_ROLE/);
    credentials.with!['role-to-assume'] = '${{ vars.AWS_DEPLOY_ROLE_ARN }}';
    credentials.with!['aws-access-key-id'] = '${{ secrets.AWS_ACCESS_KEY_ID }}';
    fails('the deploy job assumes', inputs, /aws-access-key-id/);
  });

  test('an audience other than sts.amazonaws.com, or none', () => {
    const inputs = copy();
    const condition = trust(inputs).Condition;
    condition.StringEquals['token.actions.githubusercontent.com:aud'] = 'https://github.com/acme';
    fails('the role trusts', inputs, /sts\.amazonaws\.com/);
    delete condition.StringEquals['token.actions.githubusercontent.com:aud'];
    fails('the role trusts', inputs, /sts\.amazonaws\.com/);
  });

  test('a role that trusts another identity provider', () => {
    const inputs = copy();
    const statement = trust(inputs) as unknown as { Principal: { Federated: unknown } };
    statement.Principal.Federated = {
      'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/gitlab.com',
    };
    fails('the role trusts', inputs, /no role trusts GitHub's OIDC provider/);
    fails('the trust policy', inputs, /no role trusts GitHub's OIDC provider/);
  });

  test('a deploy that loses the region', () => {
    let inputs = copy();
    const deploy = job(inputs).steps!.find((step) => /serverless\s+deploy/.test(step.run ?? ''))!;
    deploy.run = 'npx serverless deploy --stage "$STAGE" --region "$AWS_REGION"';
    fails('the deploy and info steps', inputs, /passes --region, which osls compose refuses/);

    inputs = copy();
    delete job(inputs).env!.AWS_REGION;
    fails('the deploy and info steps', inputs, /without AWS_REGION from vars\.AWS_REGION/);

    inputs = copy();
    const credentials = job(inputs).steps!.find((step) =>
      step.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    )!;
    credentials.with!['aws-region'] = 'us-east-1';
    fails('the deploy and info steps', inputs, /credentials are for "us-east-1"/);

    inputs = copy();
    inputs.stackRegions.catalog = "${opt:region, 'us-east-1'}";
    fails('the deploy and info steps', inputs, /catalog: provider\.region .* ignores AWS_REGION/);
  });

  test('a deploy role that could rewrite its own policies', () => {
    let inputs = copy();
    const role = (inputs.template as { Resources: Record<string, { Properties: Record<string, unknown> }> }).Resources
      .DeployRole;
    role.Properties.RoleName = 'estore-ci-deploy'; // inside the estore-* roles it manages
    fails('the deploy role cannot', inputs, /may iam:CreateRole, iam:DeleteRole/);
    inputs = copy();
    delete (inputs.template as { Resources: Record<string, { Properties: Record<string, unknown> }> }).Resources
      .DeployRole.Properties.RoleName;
    fails('the deploy role cannot', inputs, /no fixed RoleName/);
  });
});

// docs/deploy.md is rewritten separately: this check stands alone so that it can be adjusted.
describe('docs/deploy.md', () => {
  const expected = deploySubjects(real.workflow).subjects;

  test('docs/deploy.md states the OIDC subjects the deploy job presents', () => {
    expect(checkDocs(readFileSync(join(ROOT, DOCS_FILE), 'utf8'), expected)).toEqual([]);
  });

  test('the docs check fails on the tag subject, and on a missing environment', () => {
    const tags = 'The role trusts `repo:<owner>/<repo>:ref:refs/tags/v*`.';
    expect(checkDocs(tags, expected)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/environment:dev of the deploy job/),
        expect.stringMatching(/ref:refs\/tags\/v\*, which the deploy job never presents/),
      ]),
    );
    const devOnly = 'The role trusts `repo:<owner>/<repo>:environment:dev`.';
    expect(checkDocs(devOnly, expected)).toEqual([expect.stringMatching(/environment:prod of the deploy job/)]);
    const both = 'Subjects: `repo:<owner>/<repo>:environment:dev` and `repo:<owner>/<repo>:environment:prod`.';
    expect(checkDocs(both, expected)).toEqual([]);
  });
});
