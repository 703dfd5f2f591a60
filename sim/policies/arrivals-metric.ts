/** The fleet's queue as CloudWatch sees it: SQS NumberOfMessagesSent, one datapoint a minute, written as each minute ends. */
import type { InMemoryMetrics } from '../../layers/twins/in-memory-metrics';
import type { WarmupHistory } from '../model/trace';

const MINUTE_MS = 60_000;

/**
 * Feeds the metrics twin the handlers read (the spot handler's arrival rate, the forecast scaler's history): the
 * warm-up before the run, then each step's arrivals, a minute's datapoint being written once the minute is over
 * (so a run at 12:05:00 sees 12:04 complete). CloudWatch's own publication delay is not modelled.
 *
 * @example
 * const sent = new ArrivalsMetric(metrics, queueUrl);
 * sent.writeWarmup(trace.warmup);
 * sent.add(stepStartMs, stepStartMs + 10_000, arrivals); // every engine step
 */
export class ArrivalsMetric {
  private minuteStart = -1;
  private count = 0;

  constructor(
    private readonly metrics: InMemoryMetrics,
    private readonly queueUrl: string,
  ) {}

  /** Every step of the history, into the minute it starts in. */
  writeWarmup(warmup: WarmupHistory): void {
    const stepMs = warmup.stepSeconds * 1000;
    for (let i = 0; i < warmup.arrivals.length; i += 1) this.metrics.put(this.queueUrl, warmup.startMs + i * stepMs, warmup.arrivals[i] ?? 0);
  }

  /** The arrivals of one step `[startMs, endMs)`; completes the minute when the step reaches its end. */
  add(startMs: number, endMs: number, arrivals: number): void {
    const minute = Math.floor(startMs / MINUTE_MS) * MINUTE_MS;
    if (minute !== this.minuteStart) {
      this.flush();
      this.minuteStart = minute;
    }
    this.count += arrivals;
    if (endMs >= minute + MINUTE_MS) this.flush();
  }

  private flush(): void {
    if (this.minuteStart >= 0) this.metrics.put(this.queueUrl, this.minuteStart, this.count);
    this.minuteStart = -1;
    this.count = 0;
  }
}
