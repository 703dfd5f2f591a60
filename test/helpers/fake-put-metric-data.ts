/** CloudWatch PutMetricData behind aws-sdk-client-mock: keeps what it accepts, refuses what the API reference says it refuses. */
import {
  CloudWatchServiceException,
  InvalidParameterValueException,
  PutMetricDataCommand,
  type CloudWatchClient,
  type PutMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

/** A datum as CloudWatch stored it. */
export interface StoredDatum {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  timestampMs: number;
  value: number;
  unit: string | undefined;
}

export interface FakePutMetricData {
  mock: AwsClientStub<CloudWatchClient>;
  stored: StoredDatum[];
}

const HOUR_MS = 3_600_000;
const invalid = (message: string): InvalidParameterValueException => new InvalidParameterValueException({ message, $metadata: { httpStatusCode: 400 } });

/**
 * Accepts a call as PutMetricData does: a Namespace outside `AWS/`, 1-1,000 MetricData, a body under 1 MB, at most
 * 30 dimensions, finite values within ±2^360, timestamps from 14 days before `nowMs()` to 2 hours after; anything
 * else fails the whole call (nothing of it is stored).
 */
export const fakePutMetricData = (client: CloudWatchClient, nowMs: () => number): FakePutMetricData => {
  const stored: StoredDatum[] = [];
  const mock = mockClient(client);
  mock.on(PutMetricDataCommand).callsFake((input: PutMetricDataCommandInput) => {
    const data = input.MetricData ?? [];
    if (!input.Namespace || input.Namespace.startsWith('AWS/')) throw invalid(`The value ${input.Namespace} for parameter Namespace is not valid.`);
    if (data.length < 1 || data.length > 1_000) throw invalid(`The collection MetricData must not have more than 1000 items: ${data.length}.`);
    if (Buffer.byteLength(JSON.stringify(input)) > 1_048_576) {
      throw new CloudWatchServiceException({ name: 'RequestEntityTooLarge', $fault: 'client', message: 'Request size exceeded 1048576 bytes', $metadata: { httpStatusCode: 413 } });
    }
    const accepted = data.map((d, i): StoredDatum => {
      const timestampMs = d.Timestamp ? new Date(d.Timestamp).getTime() : nowMs();
      if ((d.Dimensions ?? []).length > 30) throw invalid(`MetricData.member.${i + 1}.Dimensions has more than 30 items.`);
      if (d.Value === undefined || !Number.isFinite(d.Value) || Math.abs(d.Value) > 2 ** 360) throw invalid(`The value ${d.Value} for parameter MetricData.member.${i + 1}.Value is invalid.`);
      if (timestampMs < nowMs() - 14 * 24 * HOUR_MS || timestampMs > nowMs() + 2 * HOUR_MS) throw invalid(`The parameter MetricData.member.${i + 1}.Timestamp must specify a time within the past two weeks and up to two hours in the future.`);
      return {
        namespace: input.Namespace as string,
        name: d.MetricName ?? '',
        dimensions: Object.fromEntries((d.Dimensions ?? []).map((x) => [x.Name, x.Value])),
        timestampMs,
        value: d.Value,
        unit: d.Unit,
      };
    });
    stored.push(...accepted);
    return { $metadata: { httpStatusCode: 200 } };
  });
  return { mock, stored };
};
