import { getDomain } from 'tldts';
import {
  asList,
  asNumber,
  asObject,
  asString,
  at,
  each,
  entries,
  functions,
  getAttOf,
  policyStatements,
  property,
  refOf,
  render,
  statements,
  strings,
} from './cfn';
import type { Rule } from './template-rules';
import type { CfnValue } from './templates';

/**
 * Rules for what AWS refuses and the local emulators forgive (issue: deployable for real). Each
 * one pins a finding of the deploy-readiness review: a template that breaks it fails in `npm test`
 * (scripts/test/templates.test.ts shows each failing on a broken copy).
 */

/** Requests per second a stage must serve at its modelled spike, by kind of traffic. */
export interface TrafficModel {
  peakShoppers: number;
  spikeFactor: number;
  perShopperPerMinute: { browse: number; other: number; signIn: number; checkout: number };
}

export function spikeRates(model: TrafficModel) {
  const perSecond = (perMinute: number) => (model.peakShoppers * perMinute * model.spikeFactor) / 60;
  const { browse, other, signIn, checkout } = model.perShopperPerMinute;
  return {
    total: perSecond(browse + other + signIn + checkout),
    browse: perSecond(browse),
    signIn: perSecond(signIn),
    checkout: perSecond(checkout),
  };
}

/** The site (registrable domain, the public suffix list's private suffixes included) of a host. */
export const siteOf = (host: string): string | null => getDomain(host, { allowPrivateDomains: true });

/** A cookie Domain attribute matches a host when it is the host or a parent of it. */
const domainMatches = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

export const DEPLOY_RULES: Rule[] = [
  {
    name: 'every EventBridge rule that targets a function has an invoke permission naming that rule on its bus by name',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        const permissions = entries(template, 'AWS::Lambda::Permission').filter(
          ([, permission]) => property(permission, 'Principal') === 'events.amazonaws.com',
        );
        for (const [ruleId, rule] of entries(template, 'AWS::Events::Rule')) {
          const busName = property(rule, 'EventBusName');
          const bus = busName === undefined ? undefined : render(busName, template);
          if (bus !== undefined && (bus.startsWith('arn:') || bus.includes('.Arn}')))
            violations.push(`${stack}: ${ruleId} names its bus by ARN (${bus}), not by name`);
          const name = property(rule, 'Name');
          for (const ruleTarget of asList(property(rule, 'Targets'))) {
            const fn = getAttOf(at(ruleTarget, 'Arn'))?.[0];
            if (!fn || template.Resources[fn]?.Type !== 'AWS::Lambda::Function') continue;
            // What EventBridge presents as aws:SourceArn: arn:...:rule/<bus name>/<rule name>, or rule/<name> on the default bus.
            const path = bus === undefined || bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`;
            const allowed = permissions.some(([, permission]) => {
              if (getAttOf(property(permission, 'FunctionName'))?.[0] !== fn) return false;
              const source = property(permission, 'SourceArn');
              const sourceAttribute = getAttOf(source);
              if (sourceAttribute?.[0] === ruleId && sourceAttribute[1] === 'Arn') return true;
              return (
                name !== undefined &&
                render(source, template).endsWith(`:events:\${AWS::Region}:\${AWS::AccountId}:${path}`)
              );
            });
            if (!allowed)
              violations.push(
                `${stack}: no permission lets ${ruleId} invoke ${fn} (its SourceArn must end in ${path})`,
              );
          }
        }
      }
      return violations;
    },
  },
  {
    name: 'every attribute a user pool requires is writable by each of its app clients',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, id, client] of each(stacks, 'AWS::Cognito::UserPoolClient')) {
        const writeAttributes = property(client, 'WriteAttributes');
        if (writeAttributes === undefined) continue; // every attribute is writable
        const writable = strings(writeAttributes);
        const poolId = refOf(property(client, 'UserPoolId'));
        const pool = poolId ? stacks[stack].Resources[poolId] : undefined;
        if (!pool) continue;
        for (const attribute of asList(property(pool, 'Schema'))) {
          const name = asString(at(attribute, 'Name'));
          if (at(attribute, 'Required') === true && !(name !== undefined && writable.includes(name))) {
            violations.push(
              `${stack}: ${id} cannot write ${name}, which ${poolId} requires (Cognito refuses such a client)`,
            );
          }
        }
      }
      return violations;
    },
  },
  {
    name: 'every function that sends email has a real sender outside the local stage',
    check(stacks, { stage }) {
      const violations: string[] = [];
      for (const [stack, template] of Object.entries(stacks)) {
        for (const [id, fn] of functions(template)) {
          const sender = property(fn, 'Environment', 'Variables', 'SENDER_ADDRESS');
          if (sender === undefined) continue;
          const value = render(sender, template);
          if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value))
            violations.push(`${stack}: ${id} sends from "${value}", not an address`);
          else if (stage !== 'local' && /\.local$/i.test(value))
            violations.push(`${stack}: ${id} sends from ${value}, a .local address SES cannot verify`);
        }
      }
      for (const [stack, id, statement] of statements(stacks)) {
        if (!statement.Action.some((action) => action.startsWith('ses:'))) continue;
        for (const resource of asList(statement.Resource)) {
          if (stage !== 'local' && /\.local$/i.test(render(resource, stacks[stack])))
            violations.push(`${stack}: ${id} may send only as a .local identity`);
        }
      }
      return violations;
    },
  },
  {
    name: 'a role queries the indexes it uses by name, never every index of a table',
    check(stacks) {
      return statements(stacks).flatMap(([stack, id, statement]) =>
        asList(statement.Resource)
          .map((resource) => render(resource, stacks[stack]))
          .filter((resource) => /\/index\/\*$/.test(resource))
          .map((resource) => `${stack}: ${id} may use every index of a table (${resource})`),
      );
    },
  },
  {
    name: 'each function may read exactly the SSM parameters it is configured with, and no other',
    check(stacks) {
      const violations: string[] = [];
      const parameterArn = (name: string) =>
        `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}`;
      for (const [stack, template] of Object.entries(stacks)) {
        const byRole = new Map<string, string[]>();
        for (const [, id, statement] of statements({ [stack]: template })) {
          if (!statement.Action.some((action) => action.startsWith('ssm:Get'))) continue;
          byRole.set(id, [
            ...(byRole.get(id) ?? []),
            ...asList(statement.Resource).map((resource) => render(resource, template)),
          ]);
        }
        for (const [id, fn] of functions(template)) {
          const role = getAttOf(property(fn, 'Role'))?.[0] ?? refOf(property(fn, 'Role'));
          const configured = Object.entries(asObject(property(fn, 'Environment', 'Variables')) ?? {})
            .filter(([name]) => name.endsWith('_PARAMETER'))
            .map(([, value]) => parameterArn(render(value, template)));
          const readable = role ? (byRole.get(role) ?? []) : [];
          for (const arn of readable.filter((candidate) => !configured.includes(candidate))) {
            violations.push(`${stack}: ${id} may read ${arn}, which it is not configured to read`);
          }
          for (const arn of configured.filter((candidate) => !readable.includes(candidate))) {
            violations.push(`${stack}: ${id} is configured to read ${arn} but may not`);
          }
        }
      }
      return violations;
    },
  },
  {
    name: 'every SSM parameter a function reads is one `npm run secrets` creates or the stack does',
    check(stacks, { managedParameters = [] }) {
      const violations: string[] = [];
      const created = new Set([
        ...managedParameters,
        ...each(stacks, 'AWS::SSM::Parameter').map(([stack, , parameter]) =>
          render(property(parameter, 'Name'), stacks[stack]),
        ),
      ]);
      for (const [stack, template] of Object.entries(stacks)) {
        for (const [id, fn] of functions(template)) {
          for (const [name, value] of Object.entries(asObject(property(fn, 'Environment', 'Variables')) ?? {})) {
            if (!name.endsWith('_PARAMETER')) continue;
            const parameter = render(value, template);
            if (!created.has(parameter))
              violations.push(
                `${stack}: ${id} reads ${parameter} (${name}), which neither \`npm run secrets\` nor a stack creates`,
              );
          }
        }
      }
      return violations;
    },
  },
  {
    name: 'a storefront on its own site reaches an API on that site, with cookies scoped within it',
    check(stacks, { origins }) {
      const violations: string[] = [];
      const domains = each(stacks, 'AWS::ApiGatewayV2::DomainName').map(([stack, id, domain]) => ({
        stack,
        id,
        name: render(property(domain, 'DomainName'), stacks[stack]),
      }));
      const mapped = (domainId: string, stack: string) =>
        each(stacks, 'AWS::ApiGatewayV2::ApiMapping').some(
          ([mappingStack, , mapping]) =>
            mappingStack === stack &&
            refOf(property(mapping, 'DomainName')) === domainId &&
            !property(mapping, 'ApiMappingKey'),
        ) &&
        each(stacks, 'AWS::Route53::RecordSet').some(
          ([recordStack, , record]) =>
            recordStack === stack &&
            getAttOf(property(record, 'AliasTarget', 'DNSName'))?.[0] === domainId &&
            property(record, 'Type') === 'A',
        );
      for (const domain of domains) {
        if (!mapped(domain.id, domain.stack))
          violations.push(
            `${domain.stack}: the API domain ${domain.name} has no root API mapping with an alias record`,
          );
      }
      const storefronts = origins
        .filter((origin) => origin.startsWith('https://'))
        .map((origin) => new URL(origin).hostname);
      for (const host of storefronts) {
        if (!domains.some((domain) => siteOf(domain.name) === siteOf(host))) {
          violations.push(
            `the storefront https://${host} is on another site than the API (no custom domain on ${siteOf(host)}): browsers would never send it the session cookies`,
          );
        }
      }
      for (const [stack, template] of Object.entries(stacks)) {
        for (const [id, fn] of functions(template)) {
          const cookieDomain = property(fn, 'Environment', 'Variables', 'COOKIE_DOMAIN');
          if (cookieDomain === undefined || cookieDomain === '') continue;
          const value = render(cookieDomain, template);
          for (const host of [...domains.map((domain) => domain.name), ...storefronts]) {
            if (!domainMatches(host, value))
              violations.push(`${stack}: ${id} sets cookies for ${value}, which does not cover ${host}`);
          }
          if (siteOf(value) === null) violations.push(`${stack}: ${id} sets cookies for a public suffix (${value})`);
        }
      }
      return violations;
    },
  },
  {
    name: "the API's throttles admit the stage's modelled traffic spike",
    check(stacks, { stage, traffic }) {
      const model = traffic?.[stage];
      if (!model) return [`no traffic model for the stage ${stage} (packages/sls-config/traffic-model.yml)`];
      const spike = spikeRates(model);
      const violations: string[] = [];
      const needs: Array<[string, number]> = [
        ['GET /products', spike.browse],
        ['POST /login', spike.signIn],
        ['POST /register', spike.signIn],
        ['POST /payment/checkout', spike.checkout],
      ];
      for (const [stack, id, apiStage] of each(stacks, 'AWS::ApiGatewayV2::Stage')) {
        const admits = (settings: CfnValue | undefined, rate: number, what: string) => {
          const rateLimit = asNumber(at(settings, 'ThrottlingRateLimit'));
          const burstLimit = asNumber(at(settings, 'ThrottlingBurstLimit'));
          if (!(rateLimit !== undefined && rateLimit >= rate))
            violations.push(
              `${stack}: ${id} throttles ${what} at ${at(settings, 'ThrottlingRateLimit')} requests/s, below the modelled spike of ${Math.ceil(rate)}`,
            );
          if (!(burstLimit !== undefined && rateLimit !== undefined && burstLimit >= rateLimit))
            violations.push(`${stack}: ${id} allows ${what} a burst below its rate`);
        };
        const defaults = property(apiStage, 'DefaultRouteSettings');
        admits(defaults, spike.total, 'the stage');
        for (const [route, rate] of needs) admits(property(apiStage, 'RouteSettings', route) ?? defaults, rate, route);
      }
      return violations;
    },
  },
  {
    name: 'a queue policy that lets an AWS service send is conditioned on aws:SourceArn',
    check(stacks) {
      const violations: string[] = [];
      for (const [stack, id, policy] of each(stacks, 'AWS::SQS::QueuePolicy')) {
        for (const statement of policyStatements(property(policy, 'PolicyDocument'))) {
          const service = at(statement.Principal, 'Service');
          if (statement.Effect !== 'Allow' || !service) continue;
          const conditions = Object.values(asObject(statement.Condition) ?? {});
          if (!conditions.some((condition) => at(condition, 'aws:SourceArn') !== undefined))
            violations.push(`${stack}: ${id} lets ${service} send without an aws:SourceArn condition`);
        }
      }
      return violations;
    },
  },
  {
    name: 'buckets holding data are retained in prod',
    check(stacks, { stage }) {
      if (stage !== 'prod') return [];
      return each(stacks, 'AWS::S3::Bucket')
        .filter(([, id]) => id !== 'ServerlessDeploymentBucket')
        .flatMap(([stack, id, bucket]) =>
          bucket.DeletionPolicy === 'Retain' && bucket.UpdateReplacePolicy === 'Retain'
            ? []
            : [`${stack}: ${id} is not retained in prod`],
        );
    },
  },
];
