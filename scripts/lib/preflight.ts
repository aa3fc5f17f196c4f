import { siteOf } from './deploy-rules';
import type { StageParams } from './stage-config';

/**
 * What must be true of a stage's settings before its first deploy, checked without AWS: the
 * placeholders of packages/sls-config/params.yml (example.com, EXAMPLE, .local) replaced, a sender,
 * an address for the alarms, a custom domain with its hosted zone where the storefront is on its own site, a traffic model.
 * `npm run preflight -- --stage S`; CI runs it before every deploy.
 */

const PLACEHOLDER = /example\.(com|org|net)|EXAMPLE|\.local\b/;

export function preflightProblems(
  stage: string,
  params: StageParams,
  trafficStages: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]*$/.test(stage) || stage === 'local')
    return [`"${stage}" is not a deployable stage name (local is served by npm run dev)`];
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && PLACEHOLDER.test(value))
      problems.push(`${name} is still the placeholder "${value}": set your own in params.yml (section ${stage})`);
  }
  const sender = params.senderAddress;
  if (typeof sender !== 'string' || !sender.includes('@'))
    problems.push(
      'senderAddress is not set: a verified SES identity that sends the verification codes and order emails',
    );
  const alarmEmail = params.alarmEmail;
  if (typeof alarmEmail !== 'string' || !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(alarmEmail))
    problems.push('alarmEmail is not set: the address the alarm topic emails (docs/operations.md, "Alarms")');
  const origins = String(params.corsOrigins ?? '')
    .split(',')
    .filter(Boolean);
  if (origins.length === 0) problems.push('corsOrigins is empty: no storefront could call the API from a browser');
  const domain = typeof params.apiDomainName === 'string' ? params.apiDomainName : '';
  if (domain && !params.apiHostedZoneId)
    problems.push(`apiDomainName ${domain} needs apiHostedZoneId, the Route 53 zone that holds its records`);
  for (const origin of origins.filter((candidate) => candidate.startsWith('https://'))) {
    const host = new URL(origin).hostname;
    if (!domain)
      problems.push(
        `the storefront ${origin} needs the API on its site: set apiDomainName (e.g. api.${siteOf(host) ?? host}) and apiHostedZoneId`,
      );
    else if (siteOf(domain) !== siteOf(host))
      problems.push(
        `the storefront ${origin} and the API domain ${domain} are different sites: browsers would not send the session cookies`,
      );
  }
  if (!trafficStages[stage])
    problems.push(
      `no traffic model for ${stage} in packages/sls-config/traffic-model.yml: its throttles would be guesses`,
    );
  return problems;
}
