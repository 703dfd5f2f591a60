/** The GetMetricData queries of a demand-history request: one per SQS queue of the fleet, or the fleet's custom metric. */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { DemandHistoryRequest } from '../../ports/demand-history-port';
import { sqsQueueName } from './sqs-queue-name';

/** What a request reads, in words for error messages, and the queries that read it (Ids q0, q1, ...). */
export interface DemandQueries {
  subject: string;
  queries: MetricDataQuery[];
}

/**
 * `sqs-messages-sent`: the `Sum` of AWS/SQS NumberOfMessagesSent per queue (QueueName dimension), summed by the
 * caller; `custom`: the metric, dimensions and statistic given. Every query has the request's period.
 *
 * @example
 * demandQueries({ metric: { kind: 'sqs-messages-sent' }, queueUrls: [url], startMs, endMs, periodSeconds: 300 });
 * // { subject: 'queues bert-large-work', queries: [{ Id: 'q0', MetricStat: { ... Period: 300, Stat: 'Sum' }, ReturnData: true }] }
 */
export const demandQueries = (request: DemandHistoryRequest): DemandQueries | { problem: string } => {
  const { metric, periodSeconds } = request;
  if (metric.kind === 'custom') {
    const dimensions = Object.entries(metric.dimensions).map(([Name, Value]) => ({ Name, Value }));
    return {
      subject: `metric ${metric.namespace} ${metric.metricName}`,
      queries: [query('q0', metric.namespace, metric.metricName, dimensions, periodSeconds, metric.stat)],
    };
  }
  const names = request.queueUrls.map((url) => [url, sqsQueueName(url)] as const);
  const invalid = names.find(([, name]) => name === undefined);
  if (invalid) return { problem: `queue URL ${invalid[0]} has no queue name` };
  // Duplicated URLs would count the same queue twice.
  const unique = [...new Set(names.map(([, name]) => name as string))];
  return {
    subject: `queues ${unique.join(', ')}`,
    queries: unique.map((name, i) =>
      query(`q${i}`, 'AWS/SQS', 'NumberOfMessagesSent', [{ Name: 'QueueName', Value: name }], periodSeconds, 'Sum'),
    ),
  };
};

const query = (
  id: string,
  namespace: string,
  metricName: string,
  dimensions: { Name: string; Value: string }[],
  period: number,
  stat: 'Sum' | 'SampleCount',
): MetricDataQuery => ({
  Id: id,
  MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions }, Period: period, Stat: stat },
  ReturnData: true,
});
