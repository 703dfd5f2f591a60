// The agent's metrics as CloudWatch embedded metric format lines, checked against the EMF specification.
import { describe, expect, it } from 'vitest';
import { EMF_MAX_VALUES } from '../../../agent/emf';
import { AgentMetrics } from '../../../agent/metrics';

const T0 = Date.UTC(2026, 2, 14, 3, 12, 0);
const UNITS = new Set(['Count', 'Milliseconds']);

interface Directive {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string; Unit: string }[];
}

/** The EMF specification's rules, as assertions on one parsed document. */
const expectValidEmf = (document: Record<string, unknown>): Directive => {
  const aws = document._aws as { Timestamp: unknown; CloudWatchMetrics: Directive[] };
  expect(Number.isInteger(aws.Timestamp)).toBe(true);
  expect(Object.keys(aws).sort()).toEqual(['CloudWatchMetrics', 'Timestamp']);
  expect(aws.CloudWatchMetrics).toHaveLength(1);
  const [directive] = aws.CloudWatchMetrics;
  if (!directive) throw new Error('no MetricDirective');
  expect(Object.keys(directive).sort()).toEqual(['Dimensions', 'Metrics', 'Namespace']);
  expect(directive.Metrics.length).toBeGreaterThan(0);
  expect(directive.Metrics.length).toBeLessThanOrEqual(100);
  for (const set of directive.Dimensions) {
    expect(set.length).toBeLessThanOrEqual(9);
    for (const key of set) expect(typeof document[key]).toBe('string');
  }
  for (const metric of directive.Metrics) {
    expect(UNITS.has(metric.Unit)).toBe(true);
    const value = document[metric.Name];
    if (Array.isArray(value)) {
      expect(value.length).toBeGreaterThan(0);
      expect(value.length).toBeLessThanOrEqual(EMF_MAX_VALUES);
      for (const v of value) expect(typeof v).toBe('number');
    } else {
      expect(typeof value).toBe('number');
    }
  }
  return directive;
};

describe('AgentMetrics.flush', () => {
  it('writes one EMF line with the counts, the samples, the in-flight gauge and the queue dimension', () => {
    // Prepare
    const metrics = new AgentMetrics();
    metrics.received(1200);
    metrics.received(300);
    metrics.served({ queueWaitMs: 1200, serviceTimeMs: 85 });
    metrics.count('Released');
    metrics.count('PoisonReleased');

    // Act
    const lines = metrics.flush({ namespace: 'GpuFleetAutopilot/Agent', timestampMs: T0, dimensions: { QueueName: 'bert-large-work' }, inFlight: 1 });

    // Assess
    expect(lines).toHaveLength(1);
    const document = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    const directive = expectValidEmf(document);
    expect(directive.Namespace).toBe('GpuFleetAutopilot/Agent');
    expect(directive.Dimensions).toEqual([['QueueName']]);
    expect(directive.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'Received', Unit: 'Count' },
        { Name: 'Served', Unit: 'Count' },
        { Name: 'Released', Unit: 'Count' },
        { Name: 'Failed', Unit: 'Count' },
        { Name: 'PoisonReleased', Unit: 'Count' },
        { Name: 'InFlight', Unit: 'Count' },
        { Name: 'QueueWaitMs', Unit: 'Milliseconds' },
        { Name: 'ServiceTimeMs', Unit: 'Milliseconds' },
        { Name: 'LatencyMs', Unit: 'Milliseconds' },
      ]),
    );
    expect(document).toMatchObject({
      _aws: { Timestamp: T0 },
      QueueName: 'bert-large-work',
      Received: 2,
      Served: 1,
      Released: 1,
      Failed: 0,
      PoisonReleased: 1,
      InFlight: 1,
      QueueWaitMs: [1200, 300],
      ServiceTimeMs: [85],
      LatencyMs: [1285],
    });
  });

  it("writes each served request's end-to-end LatencyMs as its queue wait plus its service time", () => {
    // Prepare
    const metrics = new AgentMetrics();
    metrics.served({ queueWaitMs: 4_000, serviceTimeMs: 250 });
    metrics.served({ queueWaitMs: 0, serviceTimeMs: 1_500 });
    metrics.served({ queueWaitMs: -40, serviceTimeMs: 90 });

    // Act
    const [line] = metrics.flush({ namespace: 'N', timestampMs: T0, dimensions: { QueueName: 'q' }, inFlight: 0 });

    // Assess
    const document = JSON.parse(line ?? '') as Record<string, unknown>;
    expectValidEmf(document);
    expect(document.ServiceTimeMs).toEqual([250, 1_500, 90]);
    expect(document.LatencyMs).toEqual([4_250, 1_500, 90]);
  });

  it('adds the per-instance dimension set once the instance id is known', () => {
    // Act
    const [line] = new AgentMetrics().flush({ namespace: 'N', timestampMs: T0, dimensions: { QueueName: 'q', InstanceId: 'i-0abc' }, inFlight: 0 });

    // Assess
    const document = JSON.parse(line ?? '') as Record<string, unknown>;
    expect(expectValidEmf(document).Dimensions).toEqual([['QueueName'], ['QueueName', 'InstanceId']]);
    expect(document.InstanceId).toBe('i-0abc');
  });

  it('leaves out a distribution with no sample rather than writing an empty array', () => {
    // Act
    const [line] = new AgentMetrics().flush({ namespace: 'N', timestampMs: T0, dimensions: { QueueName: 'q' }, inFlight: 0 });

    // Assess
    const document = JSON.parse(line ?? '') as Record<string, unknown>;
    const names = expectValidEmf(document).Metrics.map((m) => m.Name);
    expect(names).not.toContain('QueueWaitMs');
    expect(document).not.toHaveProperty('ServiceTimeMs');
    expect(names).not.toContain('LatencyMs');
    expect(document.Received).toBe(0);
  });

  it('splits more than 100 samples over several documents and drops none', () => {
    // Prepare
    const metrics = new AgentMetrics();
    for (let i = 0; i < 250; i += 1) metrics.received(i);

    // Act
    const documents = metrics.flush({ namespace: 'N', timestampMs: T0, dimensions: { QueueName: 'q' }, inFlight: 0 }).map((l) => JSON.parse(l) as Record<string, unknown>);

    // Assess
    expect(documents).toHaveLength(3);
    for (const document of documents) expectValidEmf(document);
    expect(documents.flatMap((d) => d.QueueWaitMs as number[])).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(documents.filter((d) => 'Received' in d)).toHaveLength(1);
  });

  it('starts each interval from zero while keeping the totals', () => {
    // Prepare
    const metrics = new AgentMetrics();
    metrics.served({ queueWaitMs: 5, serviceTimeMs: 10 });
    metrics.flush({ namespace: 'N', timestampMs: T0, dimensions: { QueueName: 'q' }, inFlight: 0 });

    // Act
    const [line] = metrics.flush({ namespace: 'N', timestampMs: T0 + 60_000, dimensions: { QueueName: 'q' }, inFlight: 0 });

    // Assess
    expect(JSON.parse(line ?? '')).toMatchObject({ Served: 0 });
    expect(metrics.total('Served')).toBe(1);
  });
});
