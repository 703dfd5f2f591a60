/** Contract of DemandHistoryPort: per-period sums on a regular grid, gaps kept as gaps, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemandMetric } from '../../layers/core/forecast/forecast-settings';
import type { DemandHistoryPort, DemandHistoryRequest } from '../../layers/ports/demand-history-port';

/** A custom metric's identity, as recorded. */
export interface RecordedMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/** One implementation under test, with ways to record what CloudWatch would hold. */
export interface DemandHistoryContractSubject {
  port: DemandHistoryPort;
  /** A port over the same kind of service that cannot answer (throttled). */
  unavailablePort: DemandHistoryPort;
  /** Records `count` messages sent to the queue in the minute starting at `minuteStartMs` (AWS/SQS NumberOfMessagesSent). */
  recordSent(queueUrl: string, minuteStartMs: number, count: number): void;
  /** Records one value of a custom metric at `timestampMs`. */
  recordCustom(metric: RecordedMetric, timestampMs: number, value: number): void;
}

const MINUTE = 60_000;
const STEP = 5 * MINUTE;
/** Monday 2026-03-02 00:00 UTC: the history ends here. */
const END_MS = Date.UTC(2026, 2, 2);
const BERT = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work';
const BERT_PRIORITY = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-priority.fifo';
const RERANKER = 'https://sqs.us-east-1.amazonaws.com/123456789012/reranker-work';
const SQS: DemandMetric = { kind: 'sqs-messages-sent' };
const REQUESTS: RecordedMetric = { namespace: 'Triton/Inference', metricName: 'RequestCount', dimensions: { Fleet: 'bert-large', Model: 'bert' } };

const hourBefore = (overrides: Partial<DemandHistoryRequest> = {}): DemandHistoryRequest => ({
  metric: SQS,
  queueUrls: [BERT],
  startMs: END_MS - 12 * STEP,
  endMs: END_MS,
  periodSeconds: 300,
  ...overrides,
});
/** The start of step `i` of the hour before END_MS. */
const stepStart = (i: number): number => END_MS - 12 * STEP + i * STEP;

export const describeDemandHistoryContract = (implementation: string, makeSubject: () => DemandHistoryContractSubject): void => {
  describe(`DemandHistoryPort contract: ${implementation}`, () => {
    let subject: DemandHistoryContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it('answers a grid of gaps, one per period, when there is no datapoint', async () => {
      // Act
      const series = await subject.port.demandHistory(hourBefore());

      // Assess
      expect(series).toEqual({ startMs: stepStart(0), stepSeconds: 300, values: new Array(12).fill(undefined) });
    });

    it('sums the minutes of each 5-minute period, keeps a zero as zero and a missing period as a gap', async () => {
      // Prepare
      subject.recordSent(BERT, stepStart(0), 40);
      subject.recordSent(BERT, stepStart(0) + 4 * MINUTE, 2);
      subject.recordSent(BERT, stepStart(1) + MINUTE, 0);
      subject.recordSent(BERT, stepStart(3) + 2 * MINUTE, 7);

      // Act
      const series = await subject.port.demandHistory(hourBefore());

      // Assess
      expect(series.values.slice(0, 5)).toEqual([42, 0, undefined, 7, undefined]);
    });

    it("sums the fleet's queues, FIFO included, a queue without data counting as none, and leaves other queues out", async () => {
      // Prepare
      subject.recordSent(BERT, stepStart(0), 30);
      subject.recordSent(BERT_PRIORITY, stepStart(0) + MINUTE, 5);
      subject.recordSent(BERT_PRIORITY, stepStart(1), 8);
      subject.recordSent(RERANKER, stepStart(0), 1_000);
      subject.recordSent(RERANKER, stepStart(2), 1_000);

      // Act
      const series = await subject.port.demandHistory(hourBefore({ queueUrls: [BERT, BERT_PRIORITY] }));

      // Assess
      expect(series.values.slice(0, 3)).toEqual([35, 8, undefined]);
    });

    it('leaves out datapoints before the start and from the end on', async () => {
      // Prepare
      subject.recordSent(BERT, stepStart(0) - MINUTE, 500);
      subject.recordSent(BERT, stepStart(0), 1);
      subject.recordSent(BERT, stepStart(11) + 4 * MINUTE, 2);
      subject.recordSent(BERT, END_MS, 500);

      // Act
      const series = await subject.port.demandHistory(hourBefore());

      // Assess
      expect([series.values[0], series.values[11], series.values.filter((v) => v !== undefined).length]).toEqual([1, 2, 2]);
    });

    it('reads four weeks of 5-minute sums of two queues, however many pages it takes', async () => {
      // Prepare
      const steps = 28 * 288;
      const startMs = END_MS - steps * STEP;
      for (let i = 0; i < steps; i += 1) {
        if (i % 97 === 13) continue;
        subject.recordSent(BERT, startMs + i * STEP, i % 288);
        subject.recordSent(BERT_PRIORITY, startMs + i * STEP + 3 * MINUTE, 1);
      }

      // Act
      const series = await subject.port.demandHistory(hourBefore({ queueUrls: [BERT, BERT_PRIORITY], startMs }));

      // Assess
      expect(series.values).toHaveLength(steps);
      expect(series.values.every((v, i) => (i % 97 === 13 ? v === undefined : v === (i % 288) + 1))).toBe(true);
    });

    it.each([
      ['Sum', [9, undefined, 4]],
      ['SampleCount', [2, undefined, 1]],
    ] as const)('reads a custom metric with its dimensions and the %s statistic', async (stat, expected) => {
      // Prepare
      subject.recordCustom(REQUESTS, stepStart(0) + 10_000, 4);
      subject.recordCustom(REQUESTS, stepStart(0) + 3 * MINUTE, 5);
      subject.recordCustom(REQUESTS, stepStart(2) + MINUTE, 4);
      subject.recordCustom({ ...REQUESTS, dimensions: { Fleet: 'bert-large', Model: 'reranker' } }, stepStart(1), 100);
      subject.recordCustom({ ...REQUESTS, dimensions: { Fleet: 'bert-large' } }, stepStart(1), 100);
      const metric: DemandMetric = { kind: 'custom', namespace: REQUESTS.namespace, metricName: REQUESTS.metricName, dimensions: REQUESTS.dimensions, stat };

      // Act
      const series = await subject.port.demandHistory(hourBefore({ metric, queueUrls: [] }));

      // Assess
      expect(series.values.slice(0, 3)).toEqual(expected);
    });

    it('answers an empty series for an empty window', async () => {
      // Act
      const series = await subject.port.demandHistory(hourBefore({ startMs: END_MS }));

      // Assess
      expect(series).toEqual({ startMs: END_MS, stepSeconds: 300, values: [] });
    });

    it('rejects bounds that are not multiples of the period with a DemandHistoryError a retry will not fix', async () => {
      // Act
      const read = subject.port.demandHistory(hourBefore({ startMs: stepStart(0) + MINUTE }));

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'DemandHistoryError', code: 'InvalidRequest', retryable: false });
    });

    it('rejects with a retryable DemandHistoryError saying what it read when the service cannot answer', async () => {
      // Act
      const read = subject.unavailablePort.demandHistory(hourBefore());

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'DemandHistoryError', retryable: true });
      await expect(read).rejects.toThrow(/^reading demand history of queues .*bert-large-work/);
    });
  });
};
