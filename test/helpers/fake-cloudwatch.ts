/** CloudWatch behind aws-sdk-client-mock: answers GetMetricData from stored SQS datapoints in the documented shape. */
import {
  CloudWatchServiceException,
  GetMetricDataCommand,
  InvalidNextToken,
  InvalidParameterValueException,
  type CloudWatchClient,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

const MINUTE_MS = 60_000;

export interface FakeCloudWatch {
  mock: AwsClientStub<CloudWatchClient>;
  /** Stores a 1-minute `Sum` datapoint of AWS/SQS NumberOfMessagesSent for a queue name (adds to an existing one). */
  putSent(queueName: string, minuteStartMs: number, sum: number): void;
}

/**
 * Answers as the GetMetricData reference describes: datapoints from StartTime rounded down to the minute up to
 * EndTime (exclusive), newest first (ScanBy TimestampDescending), `pageSize` per page with NextToken and
 * StatusCode PartialData until the last page, Complete on it.
 */
export const fakeCloudWatch = (client: CloudWatchClient, options: { pageSize?: number } = {}): FakeCloudWatch => {
  const pageSize = options.pageSize ?? 3;
  const sums = new Map<string, Map<number, number>>();
  const mock = mockClient(client);
  mock.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput): GetMetricDataCommandOutput => {
    const [query, ...others] = input.MetricDataQueries ?? [];
    const stat = query?.MetricStat;
    const dimension = stat?.Metric?.Dimensions?.find((d) => d.Name === 'QueueName');
    if (!query || others.length > 0 || !stat || !dimension?.Value || !input.StartTime || !input.EndTime) {
      throw new InvalidParameterValueException({ message: 'one MetricStat query with a QueueName is expected', $metadata: {} });
    }
    if (stat.Metric?.Namespace !== 'AWS/SQS' || stat.Metric.MetricName !== 'NumberOfMessagesSent' || stat.Stat !== 'Sum' || stat.Period !== 60) {
      return page(query.Id, [], undefined);
    }
    const startMs = Math.floor(new Date(input.StartTime).getTime() / MINUTE_MS) * MINUTE_MS;
    const endMs = new Date(input.EndTime).getTime();
    const points = [...(sums.get(dimension.Value) ?? [])]
      .filter(([minute]) => minute >= startMs && minute < endMs)
      .sort(([a], [b]) => b - a);
    const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
    if (!Number.isInteger(offset) || offset < 0 || offset > points.length) {
      throw new InvalidNextToken({ message: `The service couldn't process ${input.NextToken}`, $metadata: {} });
    }
    const next = offset + pageSize < points.length ? String(offset + pageSize) : undefined;
    return page(query.Id, points.slice(offset, offset + pageSize), next);
  });
  return {
    mock,
    putSent: (queueName, minuteStartMs, sum) => {
      const minutes = sums.get(queueName) ?? new Map<number, number>();
      minutes.set(minuteStartMs, (minutes.get(minuteStartMs) ?? 0) + sum);
      sums.set(queueName, minutes);
    },
  };
};

const page = (id: string | undefined, points: Array<[number, number]>, nextToken: string | undefined): GetMetricDataCommandOutput => ({
  MetricDataResults: [
    {
      Id: id,
      Label: 'NumberOfMessagesSent',
      Timestamps: points.map(([minute]) => new Date(minute)),
      Values: points.map(([, sum]) => sum),
      StatusCode: nextToken ? 'PartialData' : 'Complete',
    },
  ],
  NextToken: nextToken,
  Messages: [],
  $metadata: { httpStatusCode: 200 },
});

/** The error CloudWatch answers with when an account's request rate is exceeded. */
export const cloudWatchThrottling = (): CloudWatchServiceException =>
  new CloudWatchServiceException({ name: 'Throttling', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
