import { spawnSync } from 'node:child_process';

/**
 * AWS's own CloudFormation linter (`cfn-lint`, Python) over packaged templates. It knows every
 * resource type's schema and AWS's value patterns, which the project's own rules do not; those
 * catch what cfn-lint cannot (a permission that names the wrong rule, a pool its client cannot
 * write). `npm test` runs it over every stack of dev and prod and the CI role (scripts/test/templates.test.ts).
 */

/**
 * Warnings accepted, each with why. Anything else at warning level fails as an error does.
 * Keep this short: a warning is fixed in the template when the template is ours.
 */
export const ACCEPTED_WARNINGS: Record<string, string> = {
  W3005:
    'obsolete DependsOn beside a Ref/GetAtt: the framework (a function on its role, serverless-iam-roles-per-function) and its HTTP API compiler (a route on its integration) write both; harmless, and not ours to edit in the generated template',
};

export const INSTALL_HINT =
  'cfn-lint (AWS CloudFormation Linter, Python) is not installed: `pip install cfn-lint` (or `pipx install cfn-lint`); ' +
  "this machine kind ships it. The npm package named cfn-lint is an unrelated validator: don't use it.";

export interface Finding {
  file: string;
  rule: string;
  level: 'Error' | 'Warning' | 'Informational';
  message: string;
  line: number;
}

export function cfnLintVersion(): string | undefined {
  const result = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Every finding cfn-lint reports for `files` (JSON output; exit codes only say which levels occurred). */
export function cfnLint(files: string[]): Finding[] {
  if (!cfnLintVersion()) throw new Error(INSTALL_HINT);
  const result = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  let parsed: Array<{
    Filename: string;
    Level: Finding['level'];
    Message: string;
    Rule: { Id: string };
    Location: { Start: { LineNumber: number } };
  }>;
  try {
    parsed = JSON.parse(result.stdout || '[]');
  } catch {
    throw new Error(`cfn-lint did not answer in JSON (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
  return parsed.map((finding) => ({
    file: finding.Filename,
    rule: finding.Rule.Id,
    level: finding.Level,
    message: finding.Message,
    line: finding.Location.Start.LineNumber,
  }));
}

/** The findings that fail the build: every error, and every warning not accepted above. */
export function blocking(findings: Finding[]): Finding[] {
  return findings.filter(
    (finding) => finding.level === 'Error' || (finding.level === 'Warning' && !ACCEPTED_WARNINGS[finding.rule]),
  );
}
