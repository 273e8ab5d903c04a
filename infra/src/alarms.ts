import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, type MetricOptions, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface StackAlarmsProps {
  /** Stream records older than this mean the relay is falling behind. */
  readonly maxIteratorAge: Duration;
  /** Customer-managed key of the alarm topic; its policy must let cloudwatch.amazonaws.com use it. */
  readonly topicKey?: IKey;
}

/** Every alarm of the stack, all notifying one topic that operators subscribe to. */
export class StackAlarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, private readonly props: StackAlarmsProps) {
    super(scope, id);
    // A customer-managed key only: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
    this.topic = new Topic(this, 'Topic', { displayName: 'Bank alarms', enforceSSL: true, ...(props.topicKey ? { masterKey: props.topicKey } : {}) });
    this.action = new SnsAction(this.topic);
  }

  /** Any message in a dead-letter queue needs an operator (bankctl dlq). */
  deadLetters(id: string, dlq: IQueue): Alarm {
    return this.alarm(id, dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }), 1, `Messages in ${id}`);
  }

  /** Errors and throttles of one function. */
  functionHealth(id: string, fn: IFunction): Alarm[] {
    return [
      this.alarm(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(1), statistic: Stats.SUM }), 1, `${id} invocation errors`),
      this.alarm(`${id}Throttles`, fn.metricThrottles({ period: Duration.minutes(1), statistic: Stats.SUM }), 1, `${id} throttled`),
    ];
  }

  /** Any 5xx of an API (the REST API or the callbacks' HTTP API): a function failed or timed out. */
  apiServerErrors(id: string, api: { metricServerError(props?: MetricOptions): IMetric }, description: string): Alarm {
    return this.alarm(id, api.metricServerError({ period: Duration.minutes(1), statistic: Stats.SUM }), 1, description);
  }

  streamIteratorAge(id: string, fn: IFunction): Alarm {
    const age = fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: Stats.MAXIMUM });
    return this.alarm(id, age, this.props.maxIteratorAge.toMilliseconds(), 'Outbox relay lagging behind the table stream');
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
