/** Twin of CloudWatch for SQS: sent-message counts and oldest-message ages in 1-minute datapoints, answered like GetMetricData. */
import { MetricsError, type MetricPoint, type MetricsPort } from '../ports/metrics-port';

/** What the twin can be told to make its reads fail with. */
export type MetricsFailure = 'throttling' | 'unavailable';

const MINUTE_MS = 60_000;

/**
 * Keeps `NumberOfMessagesSent` per queue name (CloudWatch's `QueueName` dimension) as 1-minute `Sum` datapoints.
 * A window is answered as CloudWatch does: datapoints from the start rounded down to the minute, up to `nowMs`
 * exclusive, summed and divided by the window length; no datapoint at all means no answer (undefined). Keeps
 * `ApproximateAgeOfOldestMessage` the same way, each minute's Maximum, for whoever plays SQS (a test, the simulator).
 *
 * @example
 * const metrics = new InMemoryMetrics();
 * metrics.put(queueUrl, Date.UTC(2026, 2, 1, 11, 59), 120);
 * await metrics.arrivalRateQps(queueUrl, Date.UTC(2026, 2, 1, 12, 0), 300); // 0.4
 */
export class InMemoryMetrics implements MetricsPort {
  /** queue name -> minute start (ms) -> count */
  private series = new Map<string, Map<number, number>>();
  /** queue name -> minute start (ms) -> the oldest message's age, seconds (the minute's Maximum) */
  private ages = new Map<string, Map<number, number>>();
  private failures: MetricsFailure[] = [];
  /** queue name -> its minute starts in order: a window is read by binary search, not by a scan of weeks of minutes */
  private sortedMinutes = new Map<string, number[]>();

  /** Records `count` messages sent to the queue at `timestampMs` (added to that minute's datapoint). */
  put(queueUrl: string, timestampMs: number, count: number): void {
    if (!Number.isFinite(count) || count < 0) throw new RangeError(`recording arrivals: count ${count} is not a non-negative number`);
    const name = queueNameOf(queueUrl);
    const minutes = this.series.get(name) ?? new Map<number, number>();
    const minute = floorToMinute(timestampMs);
    if (!minutes.has(minute)) {
      const order = this.sortedMinutes.get(name);
      // Minutes usually come in order: appended; one out of order drops the index, rebuilt at the next read.
      if (order && (order.length === 0 || minute > (order[order.length - 1] as number))) order.push(minute);
      else this.sortedMinutes.delete(name);
    }
    minutes.set(minute, (minutes.get(minute) ?? 0) + count);
    this.series.set(name, minutes);
  }

  /** Records the age of the queue's oldest message seen at `timestampMs`, seconds (the minute keeps its maximum). */
  putOldestAge(queueUrl: string, timestampMs: number, ageSeconds: number): void {
    if (!Number.isFinite(ageSeconds) || ageSeconds < 0) throw new RangeError(`recording the oldest age: ${ageSeconds} is not a non-negative number`);
    const name = queueNameOf(queueUrl);
    const minutes = this.ages.get(name) ?? new Map<number, number>();
    const minute = floorToMinute(timestampMs);
    minutes.set(minute, Math.max(minutes.get(minute) ?? 0, ageSeconds));
    this.ages.set(name, minutes);
  }

  async arrivalRateQps(queueUrl: string, nowMs: number, windowSeconds: number): Promise<number | undefined> {
    this.throwInjected('arrivals', queueUrl);
    const startMs = floorToMinute(nowMs - windowSeconds * 1000);
    let sum = 0;
    let datapoints = 0;
    for (const [, count] of this.minuteSums(queueUrl, startMs, nowMs)) {
      sum += count;
      datapoints += 1;
    }
    return datapoints === 0 ? undefined : sum / windowSeconds;
  }

  async oldestMessageAges(queueUrl: string, nowMs: number, windowSeconds: number): Promise<MetricPoint[]> {
    this.throwInjected('the oldest message age', queueUrl);
    const startMs = floorToMinute(nowMs - windowSeconds * 1000);
    return [...(this.ages.get(queueNameOf(queueUrl)) ?? [])]
      .filter(([minute]) => minute >= startMs && minute < nowMs)
      .sort(([a], [b]) => a - b)
      .map(([atMs, value]) => ({ atMs, value }));
  }

  /**
   * The queue's 1-minute datapoints as [minute start (ms), count] from `fromMs` (inclusive) to `toMs` (exclusive),
   * oldest first (the demand-history twin reads them).
   */
  minuteSums(queueUrl: string, fromMs = -Infinity, toMs = Infinity): [number, number][] {
    const name = queueNameOf(queueUrl);
    const minutes = this.series.get(name);
    if (!minutes) return [];
    let order = this.sortedMinutes.get(name);
    if (!order) {
      order = [...minutes.keys()].sort((a, b) => a - b);
      this.sortedMinutes.set(name, order);
    }
    const out: [number, number][] = [];
    for (let i = firstAtOrAfter(order, fromMs); i < order.length && (order[i] as number) < toMs; i += 1) {
      const minute = order[i] as number;
      out.push([minute, minutes.get(minute) ?? 0]);
    }
    return out;
  }

  /** Makes the next `times` reads (of either metric) fail with a retryable MetricsError. */
  failNext(failure: MetricsFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  reset(): void {
    this.series = new Map();
    this.sortedMinutes = new Map();
    this.ages = new Map();
    this.failures = [];
  }

  private throwInjected(what: string, queueUrl: string): void {
    const failure = this.failures.shift();
    if (!failure) return;
    const code = failure === 'throttling' ? 'ThrottlingException' : 'ServiceUnavailable';
    throw new MetricsError(`reading ${what} of queue ${queueUrl}: ${code} (twin)`, code, true);
  }
}

/** Index of the first value >= `target` in an ascending array (its length when there is none). */
const firstAtOrAfter = (sorted: readonly number[], target: number): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const floorToMinute = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

const queueNameOf = (queueUrl: string): string => queueUrl.replace(/\/+$/, '').split('/').pop() ?? queueUrl;
