/** CloudWatch embedded metric format (EMF) documents for the agent's metrics, one JSON line each. */

/** EMF: a numeric array target must not hold more than 100 values. */
export const EMF_MAX_VALUES = 100;

export type EmfUnit = 'Count' | 'Milliseconds';

/** What one interval measured. */
export interface MetricsInterval {
  counts: Record<string, number>;
  /** Every sample of the interval (milliseconds), per metric name. */
  samples: Record<string, number[]>;
  gauges: Record<string, number>;
}

export interface EmfContext {
  namespace: string;
  timestampMs: number;
  dimensions: { QueueName: string; InstanceId?: string };
}

/**
 * The EMF documents for one interval, per the CloudWatch "Specification: Embedded metric format": a root object
 * with `_aws.Timestamp` (epoch ms) and `_aws.CloudWatchMetrics[]` of `{ Namespace, Dimensions: DimensionSet[],
 * Metrics: [{ Name, Unit }] }`, every dimension and metric a root member (dimension values strings, metric values
 * numbers or arrays of at most 100 numbers). Counts and gauges go in the first document; samples beyond 100 go on
 * in further documents, so no value is dropped. A metric with no sample is left out (an empty array is no value).
 * With an instance id, metrics are published per queue and per queue and instance.
 *
 * @example
 * emfDocuments({ counts: { Served: 3 }, samples: {}, gauges: {} }, { namespace: 'GpuFleetAutopilot/Agent', timestampMs, dimensions: { QueueName: 'bert-work' } });
 */
export const emfDocuments = (interval: MetricsInterval, context: EmfContext): Record<string, unknown>[] => {
  const dimensionSets = context.dimensions.InstanceId === undefined ? [['QueueName']] : [['QueueName'], ['QueueName', 'InstanceId']];
  const document = (values: Record<string, number | number[]>, units: Record<string, EmfUnit>): Record<string, unknown> => ({
    _aws: {
      Timestamp: context.timestampMs,
      CloudWatchMetrics: [
        {
          Namespace: context.namespace,
          Dimensions: dimensionSets,
          Metrics: Object.keys(values).map((name) => ({ Name: name, Unit: units[name] ?? 'Count' })),
        },
      ],
    },
    ...context.dimensions,
    ...values,
  });

  const units: Record<string, EmfUnit> = {};
  const chunks = Object.entries(interval.samples).map(([name, values]) => {
    units[name] = 'Milliseconds';
    return { name, chunks: chunked(values, EMF_MAX_VALUES) };
  });
  const samplesAt = (i: number): Record<string, number[]> => {
    const values: Record<string, number[]> = {};
    for (const { name, chunks: parts } of chunks) {
      const part = parts[i];
      if (part) values[name] = part;
    }
    return values;
  };
  const documents = [document({ ...interval.counts, ...interval.gauges, ...samplesAt(0) }, units)];
  const documentCount = Math.max(1, ...chunks.map((c) => c.chunks.length));
  for (let i = 1; i < documentCount; i += 1) documents.push(document(samplesAt(i), units));
  return documents;
};

const chunked = (values: number[], size: number): number[][] =>
  Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, (i + 1) * size));
