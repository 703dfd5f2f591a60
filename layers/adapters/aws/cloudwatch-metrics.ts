/** MetricsPort on Amazon CloudWatch: a queue's arrival rate from the SQS NumberOfMessagesSent metric. */
import { GetMetricDataCommand, type CloudWatchClient, type GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';
import { MetricsError, type MetricsPort } from '../../ports/metrics-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';

const QUERY_ID = 'sent';
const PERIOD_SECONDS = 60;
// A runaway NextToken loop would hold the invocation until its timeout; no window we ask for needs this many pages.
const MAX_PAGES = 50;

/**
 * Mean arrival rate of a queue over a window: the sum of the 1-minute `Sum` datapoints of `AWS/SQS`
 * `NumberOfMessagesSent` for the queue's `QueueName`, divided by the window length.
 *
 * @example
 * const metrics = new CloudWatchMetrics({ cloudwatch: new CloudWatchClient({}) });
 * const qps = await metrics.arrivalRateQps(queueUrl, clock.nowMs(), 900); // undefined: no data yet
 */
export class CloudWatchMetrics implements MetricsPort {
  private readonly cloudwatch: CloudWatchClient;

  constructor(deps: { cloudwatch: CloudWatchClient }) {
    this.cloudwatch = deps.cloudwatch;
  }

  /** @throws MetricsError, `retryable` for throttling and server or network faults. */
  async arrivalRateQps(queueUrl: string, nowMs: number, windowSeconds: number): Promise<number | undefined> {
    const queueName = queueNameOf(queueUrl);
    let sum = 0;
    let datapoints = 0;
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.fetchPage(queueUrl, queueName, nowMs, windowSeconds, nextToken);
      const result = output.MetricDataResults?.find((r) => r.Id === QUERY_ID);
      if (result?.StatusCode === 'Forbidden' || result?.StatusCode === 'InternalError') {
        const retryable = result.StatusCode === 'InternalError';
        const detail = result.Messages?.map((m) => m.Value).join('; ') || result.StatusCode;
        throw new MetricsError(`reading arrivals of queue ${queueUrl}: ${detail}`, result.StatusCode, retryable);
      }
      for (const value of result?.Values ?? []) {
        sum += value;
        datapoints += 1;
      }
      nextToken = output.NextToken;
      if (!nextToken) return datapoints === 0 ? undefined : sum / windowSeconds;
    }
    throw new MetricsError(`reading arrivals of queue ${queueUrl}: more than ${MAX_PAGES} pages`, 'TooManyPages', false);
  }

  private async fetchPage(
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
              Id: QUERY_ID,
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/SQS',
                  MetricName: 'NumberOfMessagesSent',
                  Dimensions: [{ Name: 'QueueName', Value: queueName }],
                },
                Period: PERIOD_SECONDS,
                Stat: 'Sum',
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
        `reading arrivals of queue ${queueUrl}: ${error instanceof Error ? error.message : String(error)}`,
        awsErrorName(error),
        isRetryableAwsError(error),
        { cause: error },
      );
    }
  }
}

// The QueueName dimension is the last path segment of the queue URL: https://sqs.<region>.amazonaws.com/<account>/<name>.
const queueNameOf = (queueUrl: string): string => {
  const segments = URL.canParse(queueUrl) ? new URL(queueUrl).pathname.split('/') : [];
  const name = segments.length === 3 ? segments[2] : undefined;
  if (name === undefined || !/^[\w-]{1,80}(\.fifo)?$/.test(name)) {
    throw new MetricsError(`reading arrivals of queue ${queueUrl}: no queue name in the URL`, 'InvalidQueueUrl', false);
  }
  return name;
};
