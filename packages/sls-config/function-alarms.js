'use strict';

/**
 * A Serverless Framework plugin shared by every service: one CloudWatch alarm per function on
 * its `Errors` metric (any failed invocation in five minutes), notifying `custom.alarmTopicArn`
 * when set. Written once here so a new function can never be deployed without its alarm. It also
 * lets each traced function's own role send its traces (grantTracing below).
 * It only adds resources when packaging; serverless-offline never runs it.
 */
class FunctionAlarms {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      'package:compileEvents': () => this.addAlarms(),
      // After serverless-iam-roles-per-function's own `before:package:finalize` hook, which builds
      // the per-function roles (it is listed before this plugin in every service).
      'before:package:finalize': () => this.grantTracing(),
    };
  }

  /**
   * `provider.tracing.lambda` makes every function `TracingConfig: Active`, but the framework grants
   * X-Ray only to its shared role, which serverless-iam-roles-per-function replaces with one role per
   * function holding just that function's statements; Lambda refuses active tracing to a role that
   * may not send traces. Each traced function's own role gets the two X-Ray actions, whose only
   * possible resource is `*` (X-Ray has no resource-level permissions: scripts/lib/template-rules.ts).
   */
  grantTracing() {
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      if (!resource.Properties.TracingConfig || resource.Properties.TracingConfig.Mode !== 'Active') continue;
      const roleId = resource.Properties.Role && resource.Properties.Role['Fn::GetAtt'];
      const role = roleId && resources[roleId[0]];
      if (!role || role.Type !== 'AWS::IAM::Role') continue;
      const statements = role.Properties.Policies[0].PolicyDocument.Statement;
      if (statements.some((statement) => [].concat(statement.Action).includes('xray:PutTraceSegments'))) continue;
      statements.push({
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        Resource: '*',
      });
    }
  }

  addAlarms() {
    const service = this.serverless.service;
    const naming = this.serverless.getProvider('aws').naming;
    const resources = service.provider.compiledCloudFormationTemplate.Resources;
    const topicArn = service.custom && service.custom.alarmTopicArn;
    for (const name of service.getAllFunctions()) {
      const functionLogicalId = naming.getLambdaLogicalId(name);
      resources[`${naming.getNormalizedFunctionName(name)}ErrorsAlarm`] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmDescription: `${service.service} ${name} failed (Lambda Errors)`,
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionLogicalId } }],
          Statistic: 'Sum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          ...(topicArn ? { AlarmActions: [topicArn] } : {}),
        },
      };
    }
  }
}

module.exports = FunctionAlarms;
