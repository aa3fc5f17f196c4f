'use strict';

/**
 * A Serverless Framework plugin shared by every service: one CloudWatch alarm per function on
 * its `Errors` metric (any failed invocation in five minutes), notifying `custom.alarmTopicArn`
 * when set. Written once here so a new function can never be deployed without its alarm.
 * It only adds resources when packaging; serverless-offline never runs it.
 */
class FunctionAlarms {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'package:compileEvents': () => this.addAlarms() };
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
