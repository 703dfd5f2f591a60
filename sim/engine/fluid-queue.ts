/**
 * The fleet's SQS work queue as a FIFO of cohorts: each step's arrivals enter as one cohort, capacity serves the
 * oldest first, and every request's queue wait is known to the step. SLO attainment is counted per request.
 * Fluid model: requests are counts (not objects), so a week at 1,000 QPS costs the same as at 1 QPS.
 */

/** Waits are kept in a histogram of whole steps (0 = served in the step it arrived). */
const MAX_WAIT_BUCKETS = 8_640 * 4;

export interface ServeResult {
  served: number;
  /** Of those, served within the SLO's wait budget. */
  withinSlo: number;
}

export class FluidQueue {
  private arrivalStep = new Int32Array(1024);
  private remaining = new Float64Array(1024);
  private head = 0;
  private tail = 0;
  private readonly waitHistogram = new Float64Array(MAX_WAIT_BUCKETS + 1);
  arrived = 0;
  served = 0;
  servedWithinSlo = 0;
  lost = 0;
  private queued = 0;

  /**
   * @param maxWaitSteps requests waiting more steps than this miss the SLO (wait budget / step).
   * @param retentionSteps requests older than this are lost, as SQS deletes messages past their retention.
   */
  constructor(
    private readonly maxWaitSteps: number,
    private readonly retentionSteps: number,
  ) {}

  /** Add requests that arrived during `step` (also used to put back released in-flight work). */
  push(step: number, count: number, countAsArrival = true): void {
    if (count <= 0) return;
    if (countAsArrival) this.arrived += count;
    this.queued += count;
    const last = this.tail - 1;
    if (last >= this.head && this.arrivalStep[last] === step) {
      (this.remaining as Float64Array)[last] = (this.remaining[last] as number) + count;
      return;
    }
    if (this.tail === this.arrivalStep.length) this.compact();
    this.arrivalStep[this.tail] = step;
    this.remaining[this.tail] = count;
    this.tail += 1;
  }

  /** Serve up to `capacity` requests at `step`, oldest first. */
  serve(step: number, capacity: number): ServeResult {
    let budget = capacity;
    let served = 0;
    let withinSlo = 0;
    while (budget > 0 && this.head < this.tail) {
      const available = this.remaining[this.head] as number;
      const take = Math.min(available, budget);
      const waitSteps = step - (this.arrivalStep[this.head] as number);
      const bucket = Math.min(waitSteps, MAX_WAIT_BUCKETS);
      this.waitHistogram[bucket] = (this.waitHistogram[bucket] as number) + take;
      served += take;
      if (waitSteps <= this.maxWaitSteps) withinSlo += take;
      budget -= take;
      if (take >= available) this.head += 1;
      else this.remaining[this.head] = available - take;
    }
    this.served += served;
    this.servedWithinSlo += withinSlo;
    this.queued = Math.max(0, this.queued - served);
    return { served, withinSlo };
  }

  /**
   * Requests an instance held when it died without draining were not served after all: they come back to the
   * queue when their visibility timeout ends (the caller pushes them back then, with `countAsArrival` false).
   * Returns how many were taken back (never more than were served): the caller must push back exactly that many.
   */
  takeBack(count: number): number {
    const back = Math.min(count, this.served);
    this.served -= back;
    this.servedWithinSlo = Math.max(0, this.servedWithinSlo - back);
    return back;
  }

  /** Drop what has waited past the queue's retention period: those requests are lost. */
  expire(step: number): void {
    while (this.head < this.tail && step - (this.arrivalStep[this.head] as number) > this.retentionSteps) {
      this.lost += this.remaining[this.head] as number;
      this.queued = Math.max(0, this.queued - (this.remaining[this.head] as number));
      this.head += 1;
    }
  }

  get backlog(): number {
    return this.head < this.tail ? this.queued : 0;
  }

  /** Steps the oldest waiting request has waited at `step` (0 when the queue is empty). */
  oldestWaitSteps(step: number): number {
    return this.head < this.tail ? step - (this.arrivalStep[this.head] as number) : 0;
  }

  /** The p-th percentile of queue wait over all served requests, in steps. */
  waitPercentileSteps(p: number): number {
    const total = this.served;
    if (total <= 0) return 0;
    let seen = 0;
    for (let i = 0; i < this.waitHistogram.length; i += 1) {
      seen += this.waitHistogram[i] as number;
      if (seen >= (p / 100) * total) return i;
    }
    return MAX_WAIT_BUCKETS;
  }

  private compact(): void {
    const size = this.tail - this.head;
    const capacity = size * 2 > this.arrivalStep.length ? this.arrivalStep.length * 2 : this.arrivalStep.length;
    const steps = new Int32Array(capacity);
    const remaining = new Float64Array(capacity);
    steps.set(this.arrivalStep.subarray(this.head, this.tail));
    remaining.set(this.remaining.subarray(this.head, this.tail));
    this.arrivalStep = steps;
    this.remaining = remaining;
    this.head = 0;
    this.tail = size;
  }
}
