/** A stateful CloudWatch metric alarm: raw samples in, one datapoint per period, M-of-N evaluation, transitions out. */
import { decideAlarmState } from './alarm-decision';
import { evaluationRangeOf, validateAlarmDefinition, type AlarmDefinition, type AlarmStateValue } from './alarm-definition';
import { AlarmInputError } from './alarm-input-error';
import { alarmReason } from './alarm-reason';

/** An alarm state as DescribeAlarms and the state-change event report it. */
export interface AlarmStateRecord {
  value: AlarmStateValue;
  reason: string;
  /** Absent for the initial state ("Unchecked: Initial alarm creation"). */
  reasonData?: string;
  timestampMs: number;
}

/** A change of state, stamped with the evaluation that caused it. */
export interface AlarmTransition {
  atMs: number;
  previous: AlarmStateRecord;
  current: AlarmStateRecord;
}

export interface AlarmEvaluatorOptions {
  /** When the alarm was created: it starts in INSUFFICIENT_DATA, as CloudWatch alarms do. */
  startMs: number;
  /**
   * Periods are `[origin + k x period, origin + (k + 1) x period)`. CloudWatch aligns them to its evaluation
   * schedule; the simulator uses a fixed grid, by default from the epoch (whole minutes for 60-s periods).
   */
  periodOriginMs?: number;
  /** Told of every transition as it happens (the simulator turns them into EventBridge events). */
  onTransition?: (transition: AlarmTransition) => void;
}

/**
 * Evaluates one alarm the way CloudWatch does. Samples (`add`) are aggregated with the alarm's statistic into one
 * datapoint per period; when a period closes the alarm evaluates its evaluation range (see `decideAlarmState`)
 * and records a transition when the state changes. A period with no sample is a missing datapoint.
 * A sample costs O(1) with no allocation; a closed period costs O(evaluation range).
 *
 * @example
 * ```ts
 * const alarm = new AlarmEvaluator(high, { startMs: t0 });
 * alarm.add(t0 + 5_000, 85);   // a sample inside the first minute
 * alarm.advanceTo(t0 + 180_000); // closes three periods, evaluating after each
 * alarm.state;                   // 'INSUFFICIENT_DATA' | 'OK' | 'ALARM'
 * ```
 */
export class AlarmEvaluator {
  readonly definition: AlarmDefinition;
  /** Every transition so far, oldest first. */
  readonly transitions: AlarmTransition[] = [];
  private readonly periodMs: number;
  /** Closed periods' datapoints, a ring indexed by period number; NaN marks a missing datapoint. */
  private readonly ring: Float64Array;
  /** The evaluation range newest first, rebuilt for each evaluation. */
  private readonly window: Float64Array;
  private readonly onTransition: ((transition: AlarmTransition) => void) | undefined;
  private readonly startPeriod: number;
  private readonly originMs: number;
  private openPeriod: number;
  private sum = 0;
  private samples = 0;
  private minimum = Infinity;
  private maximum = -Infinity;
  private record: AlarmStateRecord;
  private lastDatapoint = Number.NaN;

  constructor(definition: AlarmDefinition, options: AlarmEvaluatorOptions) {
    this.definition = validateAlarmDefinition(definition);
    this.periodMs = definition.periodSeconds * 1000;
    this.originMs = options.periodOriginMs ?? 0;
    const range = evaluationRangeOf(definition);
    this.ring = new Float64Array(range).fill(Number.NaN);
    this.window = new Float64Array(range);
    this.onTransition = options.onTransition;
    this.openPeriod = Math.floor((options.startMs - this.originMs) / this.periodMs);
    this.startPeriod = this.openPeriod;
    this.record = { value: 'INSUFFICIENT_DATA', reason: 'Unchecked: Initial alarm creation', timestampMs: options.startMs };
  }

  /** The current state. */
  get state(): AlarmStateValue {
    return this.record.value;
  }

  /** The current state with its reason and timestamp. */
  get stateRecord(): AlarmStateRecord {
    return this.record;
  }

  /** The datapoint of the last closed period (NaN when it was missing or no period has closed). */
  get latestDatapoint(): number {
    return this.lastDatapoint;
  }

  /** Adds a raw sample (a PutMetricData value) at `tMs`, first closing and evaluating any period that ended. */
  add(tMs: number, value: number): void {
    const period = Math.floor((tMs - this.originMs) / this.periodMs);
    if (period < this.openPeriod) {
      throw new AlarmInputError(
        `${this.definition.name}: sample at ${new Date(tMs).toISOString()} falls in a period already evaluated`,
      );
    }
    this.advanceTo(tMs);
    this.sum += value;
    this.samples += 1;
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
  }

  /** Closes every period that ends at or before `tMs`, evaluating the alarm after each; returns how many. */
  advanceTo(tMs: number): number {
    let evaluations = 0;
    while (tMs >= this.originMs + (this.openPeriod + 1) * this.periodMs) {
      this.closeOpenPeriod();
      evaluations += 1;
    }
    return evaluations;
  }

  private closeOpenPeriod(): void {
    const range = this.ring.length;
    const datapoint = this.datapointOfOpenPeriod();
    this.ring[this.slot(this.openPeriod)] = datapoint;
    this.lastDatapoint = datapoint;
    const newest = this.openPeriod;
    this.openPeriod += 1;
    this.sum = 0;
    this.samples = 0;
    this.minimum = Infinity;
    this.maximum = -Infinity;
    for (let age = 0; age < range; age += 1) {
      const period = newest - age;
      // Periods before the alarm existed have no data in the simulation (CloudWatch would look them up).
      this.window[age] = period < this.startPeriod ? Number.NaN : (this.ring[this.slot(period)] as number);
    }
    this.evaluate(newest);
  }

  private slot(period: number): number {
    const range = this.ring.length;
    return ((period % range) + range) % range;
  }

  private datapointOfOpenPeriod(): number {
    if (this.samples === 0) return Number.NaN;
    switch (this.definition.statistic) {
      case 'Average':
        return this.sum / this.samples;
      case 'Sum':
        return this.sum;
      case 'Minimum':
        return this.minimum;
      case 'Maximum':
        return this.maximum;
      case 'SampleCount':
        return this.samples;
    }
  }

  private evaluate(newestPeriod: number): void {
    const decision = decideAlarmState(this.definition, this.window, this.record.value);
    if (decision.state === this.record.value) return;
    const newestPeriodStartMs = this.originMs + newestPeriod * this.periodMs;
    const atMs = newestPeriodStartMs + this.periodMs;
    const { reason, reasonData } = alarmReason(this.definition, decision, this.window, { atMs, newestPeriodStartMs });
    const transition: AlarmTransition = {
      atMs,
      previous: this.record,
      current: { value: decision.state, reason, reasonData, timestampMs: atMs },
    };
    this.record = transition.current;
    this.transitions.push(transition);
    this.onTransition?.(transition);
  }
}
