/** Contract of UsageMetricsPort: requests served, fleet GPU utilization and SLO attainment per period, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestsSource, UsageMetricsPort, UsageWindow } from '../../layers/ports/usage-metrics-port';

/** One implementation under test, with ways to record what CloudWatch would hold. */
export interface UsageMetricsContractSubject {
  port: UsageMetricsPort;
  /** A port over the same kind of service that cannot answer (throttled). */
  unavailablePort: UsageMetricsPort;
  recordServed(queueUrl: string, atMs: number, count: number, source: RequestsSource): void;
  recordGpuUtilization(fleetId: string, atMs: number, percent: number): void;
  recordLatency(queueUrl: string, atMs: number, latencyMs: number): void;
}

const HOUR = 3_600_000;
/** Saturday 2026-11-28 00:00 UTC. */
const DAY0 = Date.UTC(2026, 10, 28);
const DAY: UsageWindow = { startMs: DAY0, endMs: DAY0 + 24 * HOUR, periodSeconds: 3600 };
const BERT = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-search-requests';
const BERT_PRIORITY = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-search-priority.fifo';
const RERANKER = 'https://sqs.us-east-1.amazonaws.com/123456789012/reranker-requests';
const FLEET = 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f';

export const describeUsageMetricsContract = (implementation: string, makeSubject: () => UsageMetricsContractSubject): void => {
  describe(`UsageMetricsPort contract: ${implementation}`, () => {
    let subject: UsageMetricsContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it("sums the requests the fleet's queues served per period, leaving out other queues, sources and empty periods", async () => {
      // Prepare
      subject.recordServed(BERT, DAY0 + 60_000, 100, 'agent-served');
      subject.recordServed(BERT, DAY0 + 30 * 60_000, 20, 'agent-served');
      subject.recordServed(BERT_PRIORITY, DAY0 + 5 * 60_000, 3, 'agent-served');
      subject.recordServed(BERT, DAY0 + 2 * HOUR, 7, 'agent-served');
      subject.recordServed(RERANKER, DAY0, 1_000, 'agent-served');
      subject.recordServed(BERT, DAY0, 5_000, 'sqs-deleted');
      subject.recordServed(BERT, DAY0 + 24 * HOUR, 9_000, 'agent-served');

      // Act
      const points = await subject.port.requestsServed({ ...DAY, queueUrls: [BERT, BERT_PRIORITY], source: 'agent-served' });

      // Assess
      expect(points).toEqual([
        { atMs: DAY0, value: 123 },
        { atMs: DAY0 + 2 * HOUR, value: 7 },
      ]);
    });

    it('reads SQS deletions when the fleet is not served by the agent', async () => {
      // Prepare
      subject.recordServed(BERT, DAY0 + HOUR, 40, 'sqs-deleted');
      subject.recordServed(BERT, DAY0 + HOUR, 1, 'agent-served');

      // Act
      const points = await subject.port.requestsServed({ ...DAY, queueUrls: [BERT], source: 'sqs-deleted' });

      // Assess
      expect(points).toEqual([{ atMs: DAY0 + HOUR, value: 40 }]);
    });

    it("averages every GPU value of the fleet in each period", async () => {
      // Prepare: two GPUs report each minute of the first two minutes
      for (const [minute, a, b] of [[0, 10, 30], [1, 20, 40]] as const) {
        subject.recordGpuUtilization(FLEET, DAY0 + minute * 60_000, a);
        subject.recordGpuUtilization(FLEET, DAY0 + minute * 60_000, b);
      }
      subject.recordGpuUtilization('fleet-00000000-0000-4000-8000-000000000000', DAY0, 99);

      // Act
      const points = await subject.port.gpuUtilization({ ...DAY, fleetId: FLEET });

      // Assess
      expect(points).toEqual([{ atMs: DAY0, value: 25 }]);
    });

    it('gives the share of requests within the SLO, inclusive, weighted by each queue’s samples', async () => {
      // Prepare: bert 3 of 4 within 50 ms (50 counts), priority 0 of 1
      for (const ms of [10, 50, 49, 51]) subject.recordLatency(BERT, DAY0 + 60_000, ms);
      subject.recordLatency(BERT_PRIORITY, DAY0 + 60_000, 80);
      subject.recordLatency(BERT, DAY0 + 5 * HOUR, 20);

      // Act
      const points = await subject.port.sloAttainment({ ...DAY, queueUrls: [BERT, BERT_PRIORITY], sloMs: 50 });

      // Assess: (75 x 4 + 0 x 1) / 5 = 60%
      expect(points).toEqual([
        { atMs: DAY0, withinSloPercent: 60, samples: 5 },
        { atMs: DAY0 + 5 * HOUR, withinSloPercent: 100, samples: 1 },
      ]);
    });

    it('answers nothing for a window without data', async () => {
      // Act + Assess
      await expect(subject.port.gpuUtilization({ ...DAY, fleetId: FLEET })).resolves.toEqual([]);
      await expect(subject.port.sloAttainment({ ...DAY, queueUrls: [BERT], sloMs: 50 })).resolves.toEqual([]);
    });

    it('rejects a window off its period with a UsageMetricsError a retry will not fix', async () => {
      // Act
      const read = subject.port.requestsServed({ ...DAY, startMs: DAY0 + 60_000, queueUrls: [BERT], source: 'agent-served' });

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'UsageMetricsError', code: 'InvalidRequest', retryable: false });
    });

    it('rejects with a retryable UsageMetricsError saying what it read when the service cannot answer', async () => {
      // Act
      const read = subject.unavailablePort.gpuUtilization({ ...DAY, fleetId: FLEET });

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'UsageMetricsError', retryable: true });
      await expect(read).rejects.toThrow(/^reading GPU utilization of fleet fleet-5c4e3bd2/);
    });
  });
};
