'use strict';

/**
 * The API's custom domain for a stage that names one (params.yml `apiDomainName`, with
 * `apiHostedZoneId` and optionally `apiCertificateArn`); no resources for a stage that does not.
 *
 * Why a domain at all: a browser sends the session cookies (SameSite=Strict) only to an API on the
 * storefront's own site, never from https://shop.example.com to *.execute-api.amazonaws.com. With
 * the API at e.g. api.shop.example.com, storefront and API are one site and the cookies flow.
 *
 * Built here rather than with CloudFormation conditions: the values are known when packaging, and
 * conditions on literals are always true or always false (cfn-lint W8003).
 */
module.exports = async ({ resolveVariable }) => {
  const domainName = await resolveVariable('param:apiDomainName');
  if (!domainName) return {};
  const hostedZoneId = await resolveVariable('param:apiHostedZoneId');
  const certificateArn = await resolveVariable('param:apiCertificateArn');
  const apiId = await resolveVariable('param:httpApiId');
  if (!hostedZoneId)
    throw new Error(`apiDomainName ${domainName} needs apiHostedZoneId: the hosted zone that holds its alias record`);

  const alias = (type) => ({
    Type: 'AWS::Route53::RecordSet',
    Properties: {
      HostedZoneId: hostedZoneId,
      Name: domainName,
      Type: type,
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': ['ApiDomainName', 'RegionalDomainName'] },
        HostedZoneId: { 'Fn::GetAtt': ['ApiDomainName', 'RegionalHostedZoneId'] },
        EvaluateTargetHealth: false,
      },
    },
  });

  const resources = {
    ApiDomainName: {
      Type: 'AWS::ApiGatewayV2::DomainName',
      Properties: {
        DomainName: domainName,
        DomainNameConfigurations: [
          {
            CertificateArn: certificateArn || { Ref: 'ApiCertificate' },
            EndpointType: 'REGIONAL',
            SecurityPolicy: 'TLS_1_2',
          },
        ],
      },
    },
    // The whole API at the domain's root (no mapping key): the same paths as the local gateway.
    ApiMapping: {
      Type: 'AWS::ApiGatewayV2::ApiMapping',
      Properties: { ApiId: apiId, DomainName: { Ref: 'ApiDomainName' }, Stage: { Ref: 'HttpApiStage' } },
    },
    ApiAliasRecord: alias('A'),
    ApiAliasRecordIpv6: alias('AAAA'),
  };
  if (!certificateArn) {
    // A regional certificate validated through a record that ACM writes in the same hosted zone.
    resources.ApiCertificate = {
      Type: 'AWS::CertificateManager::Certificate',
      Properties: {
        DomainName: domainName,
        ValidationMethod: 'DNS',
        DomainValidationOptions: [{ DomainName: domainName, HostedZoneId: hostedZoneId }],
      },
    };
  }
  return {
    Resources: resources,
    Outputs: {
      // The base URL a storefront uses (api's HttpApiUrl stays the execute-api one).
      StoreApiUrl: { Value: `https://${domainName}` },
    },
  };
};
