/** MetricsPort on Amazon CloudWatch: a queue's arrival rate and the age of its oldest message, from the AWS/SQS metrics. */
import { GetMetricDataCommand, type CloudWatchClient, type GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';
import { MetricsError, type MetricPoint, type MetricsPort } from '../../ports/metrics-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';
import { sqsQueueName } from './sqs-queue-name';

const PERIOD_SECONDS = 60;
// A runaway NextToken loop would hold the invocation until its timeout; no window we ask for needs this many pages.
const MAX_PAGES = 50;

/** One AWS/SQS metric read per minute: the query id, the metric, its statistic, and what reading it is called. */
interface SqsSeries {
  id: string;
  metricName: string;
  stat: 'Sum' | 'Maximum';
  /** `arrivals`: "reading arrivals of queue <url>: ...". */
  what: string;
}

const SENT: SqsSeries = { id: 'sent', metricName: 'NumberOfMessagesSent', stat: 'Sum', what: 'arrivals' };
const OLDEST_AGE: SqsSeries = { id: 'oldest', metricName: 'ApproximateAgeOfOldestMessage', stat: 'Maximum', what: 'the oldest message age' };

/**
 * Reads 1-minute datapoints of a queue's `AWS/SQS` metrics for its `QueueName`: the mean arrival rate over a window
 * (the `Sum` of `NumberOfMessagesSent` divided by the window length) and the per-minute `Maximum` of
 * `ApproximateAgeOfOldestMessage`.
 *
 * @example
 * const metrics = new CloudWatchMetrics({ cloudwatch: new CloudWatchClient({}) });
 * const qps = await metrics.arrivalRateQps(queueUrl, clock.nowMs(), 900); // undefined: no data yet
 * const ages = await metrics.oldestMessageAges(queueUrl, clock.nowMs(), 600); // [{ atMs, value: 42 }, ...]
 */
export class CloudWatchMetrics implements MetricsPort {
  private readonly cloudwatch: CloudWatchClient;

  constructor(deps: { cloudwatch: CloudWatchClient }) {
    this.cloudwatch = deps.cloudwatch;
  }

  /** @throws MetricsError, `retryable` for throttling and server or network faults. */
  async arrivalRateQps(queueUrl: string, nowMs: number, windowSeconds: number): Promise<number | undefined> {
    const points = await this.series(SENT, queueUrl, nowMs, windowSeconds);
    return points.length === 0 ? undefined : points.reduce((sum, p) => sum + p.value, 0) / windowSeconds;
  }

  /** @throws MetricsError, `retryable` for throttling and server or network faults. */
  async oldestMessageAges(queueUrl: string, nowMs: number, windowSeconds: number): Promise<MetricPoint[]> {
    const points = await this.series(OLDEST_AGE, queueUrl, nowMs, windowSeconds);
    return points.sort((a, b) => a.atMs - b.atMs);
  }

  private async series(series: SqsSeries, queueUrl: string, nowMs: number, windowSeconds: number): Promise<MetricPoint[]> {
    const queueName = queueNameOf(series, queueUrl);
    const points: MetricPoint[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.fetchPage(series, queueUrl, queueName, nowMs, windowSeconds, nextToken);
      const result = output.MetricDataResults?.find((r) => r.Id === series.id);
      if (result?.StatusCode === 'Forbidden' || result?.StatusCode === 'InternalError') {
        const retryable = result.StatusCode === 'InternalError';
        const detail = result.Messages?.map((m) => m.Value).join('; ') || result.StatusCode;
        throw new MetricsError(`reading ${series.what} of queue ${queueUrl}: ${detail}`, result.StatusCode, retryable);
      }
      const timestamps = result?.Timestamps ?? [];
      (result?.Values ?? []).forEach((value, i) => points.push({ atMs: timestamps[i]?.getTime() ?? Number.NaN, value }));
      nextToken = output.NextToken;
      if (!nextToken) return points;
    }
    throw new MetricsError(`reading ${series.what} of queue ${queueUrl}: more than ${MAX_PAGES} pages`, 'TooManyPages', false);
  }

  private async fetchPage(
    series: SqsSeries,
    queueUrl: string,
    queueName: string,
    nowMs: number,
    windowSeconds: number,
    nextToken: string | undefined,
  ): Promise<GetMetricDataCommandOutput> {
    try {
      return await this.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: [
            {
              Id: series.id,
              MetricStat: {
                Metric: { Namespace: 'AWS/SQS', MetricName: series.metricName, Dimensions: [{ Name: 'QueueName', Value: queueName }] },
                Period: PERIOD_SECONDS,
                Stat: series.stat,
              },
              ReturnData: true,
            },
          ],
          StartTime: new Date(nowMs - windowSeconds * 1000),
          EndTime: new Date(nowMs),
          NextToken: nextToken,
        }),
      );
    } catch (error) {
      throw new MetricsError(
        `reading ${series.what} of queue ${queueUrl}: ${error instanceof Error ? error.message : String(error)}`,
        awsErrorName(error),
        isRetryableAwsError(error),
        { cause: error },
      );
    }
  }
}

const queueNameOf = (series: SqsSeries, queueUrl: string): string => {
  const name = sqsQueueName(queueUrl);
  if (name === undefined) throw new MetricsError(`reading ${series.what} of queue ${queueUrl}: no queue name in the URL`, 'InvalidQueueUrl', false);
  return name;
};
