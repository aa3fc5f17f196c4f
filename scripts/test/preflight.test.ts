import { preflightProblems } from '../lib/preflight';
import { stageParams } from '../lib/stage-config';

const traffic = { dev: {}, prod: {}, shop: {} };
const ready = {
  corsOrigins: 'https://shop.acme.co.uk,https://www.shop.acme.co.uk',
  apiDomainName: 'api.shop.acme.co.uk',
  apiHostedZoneId: 'Z123456789ABC',
  senderAddress: 'orders@acme.co.uk',
  alarmEmail: 'oncall@acme.co.uk',
};

describe('the preflight of a stage', () => {
  test('passes a stage with its own domain, zone, sender, alarm address and traffic model', () => {
    expect(preflightProblems('shop', ready, traffic)).toEqual([]);
  });

  test("refuses the repository's placeholders for dev and prod", () => {
    for (const stage of ['dev', 'prod']) {
      const problems = preflightProblems(stage, stageParams(stage), traffic).join('\n');
      expect(problems).toMatch(/corsOrigins is still the placeholder/);
      expect(problems).toMatch(/apiDomainName is still the placeholder/);
      expect(problems).toMatch(/senderAddress is still the placeholder/);
      expect(problems).toMatch(/alarmEmail is still the placeholder/);
    }
  });

  test.each([
    ['no sender', { ...ready, senderAddress: undefined }, /senderAddress is not set/],
    ['a .local sender', { ...ready, senderAddress: 'no-reply@estore.local' }, /placeholder "no-reply@estore.local"/],
    ['a domain without its zone', { ...ready, apiHostedZoneId: '' }, /needs apiHostedZoneId/],
    ['an https storefront and no API domain', { ...ready, apiDomainName: '' }, /needs the API on its site/],
    ['an API domain on another site', { ...ready, apiDomainName: 'api.acme-backend.com' }, /different sites/],
    ['no storefront origin', { ...ready, corsOrigins: '' }, /corsOrigins is empty/],
    ['no alarm address', { ...ready, alarmEmail: undefined }, /alarmEmail is not set/],
    ['an alarm address that is not one', { ...ready, alarmEmail: 'oncall' }, /alarmEmail is not set/],
  ])('refuses %s', (_case, params, problem) => {
    expect(preflightProblems('shop', params, traffic).join('\n')).toMatch(problem);
  });

  test('refuses a stage without a traffic model, and the local stage', () => {
    expect(preflightProblems('qa', ready, traffic).join('\n')).toMatch(/no traffic model for qa/);
    expect(preflightProblems('local', ready, traffic)).toHaveLength(1);
  });
});
