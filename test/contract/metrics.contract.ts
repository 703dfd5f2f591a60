/** Contract of MetricsPort: the window's arrival rate and oldest-message ages, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricsPort } from '../../layers/ports/metrics-port';

/** One implementation under test, with a way to record what SQS would have published to CloudWatch. */
export interface MetricsContractSubject {
  port: MetricsPort;
  /** A port over the same kind of service that cannot answer (throttled). */
  unavailablePort: MetricsPort;
  /** Records `count` messages sent to the queue during the minute starting at `minuteStartMs`. */
  recordSent(queueUrl: string, minuteStartMs: number, count: number): void;
  /** Records the age of the queue's oldest message SQS reported at `timestampMs`, seconds. */
  recordOldestAge(queueUrl: string, timestampMs: number, seconds: number): void;
}

const NOW_MS = Date.UTC(2026, 2, 1, 12, 0, 0);
const MINUTE_MS = 60_000;
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work';
const minutesAgo = (minutes: number): number => NOW_MS - minutes * MINUTE_MS;

export const describeMetricsContract = (implementation: string, makeSubject: () => MetricsContractSubject): void => {
  describe(`MetricsPort contract: ${implementation}`, () => {
    let subject: MetricsContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it('has no rate for a window without datapoints', async () => {
      // Act
      const rate = await subject.port.arrivalRateQps(QUEUE_URL, NOW_MS, 300);

      // Assess
      expect(rate).toBeUndefined();
    });

    it('divides the messages sent in the window by the window length', async () => {
      // Prepare
      subject.recordSent(QUEUE_URL, minutesAgo(1), 120);
      subject.recordSent(QUEUE_URL, minutesAgo(3), 60);

      // Act
      const rate = await subject.port.arrivalRateQps(QUEUE_URL, NOW_MS, 300);

      // Assess
      expect(rate).toBeCloseTo(180 / 300, 10);
    });

    it('reports zero, not nothing, when SQS published zero sends', async () => {
      // Prepare
      subject.recordSent(QUEUE_URL, minutesAgo(2), 0);

      // Act
      const rate = await subject.port.arrivalRateQps(QUEUE_URL, NOW_MS, 300);

      // Assess
      expect(rate).toBe(0);
    });

    it('leaves out datapoints before the window and from now on', async () => {
      // Prepare
      subject.recordSent(QUEUE_URL, minutesAgo(6), 1_000);
      subject.recordSent(QUEUE_URL, minutesAgo(5), 30);
      subject.recordSent(QUEUE_URL, NOW_MS, 1_000);

      // Act
      const rate = await subject.port.arrivalRateQps(QUEUE_URL, NOW_MS, 300);

      // Assess
      expect(rate).toBeCloseTo(30 / 300, 10);
    });

    it("leaves out other queues' datapoints", async () => {
      // Prepare
      subject.recordSent('https://sqs.us-east-1.amazonaws.com/123456789012/reranker-work', minutesAgo(1), 600);
      subject.recordSent(QUEUE_URL, minutesAgo(1), 60);

      // Act
      const rate = await subject.port.arrivalRateQps(QUEUE_URL, NOW_MS, 60);

      // Assess
      expect(rate).toBeCloseTo(1, 10);
    });

    it('sums an hour of minutes, however many pages the service splits them into', async () => {
      // Prepare
      for (let minute = 1; minute <= 60; minute += 1) subject.recordSent(QUEUE_URL, minutesAgo(minute), minute);

      // Act
      const rate = await subject.port.arrivalRateQps(QUEUE_URL, NOW_MS, 3_600);

      // Assess
      expect(rate).toBeCloseTo((60 * 61) / 2 / 3_600, 10);
    });

    it('rejects with a retryable MetricsError naming the queue when the service cannot answer', async () => {
      // Act
      const read = subject.unavailablePort.arrivalRateQps(QUEUE_URL, NOW_MS, 300);

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'MetricsError', retryable: true });
      await expect(read).rejects.toThrow(`reading arrivals of queue ${QUEUE_URL}`);
    });

    describe('oldest message ages', () => {
      it('has none for a queue SQS reported nothing for', async () => {
        // Act + Assess
        expect(await subject.port.oldestMessageAges(QUEUE_URL, NOW_MS, 600)).toEqual([]);
      });

      it("gives each minute's largest age in the window, oldest first, and leaves out other queues and other minutes", async () => {
        // Prepare: a backlog building over the last ten minutes, with a gap where SQS published nothing
        subject.recordOldestAge(QUEUE_URL, minutesAgo(11), 900);
        subject.recordOldestAge(QUEUE_URL, minutesAgo(2), 95);
        subject.recordOldestAge(QUEUE_URL, minutesAgo(10), 4);
        subject.recordOldestAge(QUEUE_URL, minutesAgo(6), 30);
        subject.recordOldestAge(QUEUE_URL, minutesAgo(6) + 30_000, 41);
        subject.recordOldestAge('https://sqs.us-east-1.amazonaws.com/123456789012/reranker-work', minutesAgo(2), 7);
        subject.recordOldestAge(QUEUE_URL, NOW_MS, 120);

        // Act
        const ages = await subject.port.oldestMessageAges(QUEUE_URL, NOW_MS, 600);

        // Assess
        expect(ages).toEqual([
          { atMs: minutesAgo(10), value: 4 },
          { atMs: minutesAgo(6), value: 41 },
          { atMs: minutesAgo(2), value: 95 },
        ]);
      });

      it('rejects with a retryable MetricsError naming the queue when the service cannot answer', async () => {
        // Act
        const read = subject.unavailablePort.oldestMessageAges(QUEUE_URL, NOW_MS, 600);

        // Assess
        await expect(read).rejects.toMatchObject({ name: 'MetricsError', retryable: true });
        await expect(read).rejects.toThrow(`reading the oldest message age of queue ${QUEUE_URL}`);
      });
    });
  });
};
