/** An EventBridge schedule rule (`rate(N minutes)`) in the simulation: the real-shaped "Scheduled Event" at each tick. */

/** What EventBridge delivers to the rule's target (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html). */
export interface ScheduledRuleEvent {
  version: '0';
  id: string;
  'detail-type': 'Scheduled Event';
  source: 'aws.events';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, never>;
}

export interface ScheduleRuleOptions {
  ruleName: string;
  account: string;
  region: string;
  rateSeconds: number;
  /** The first tick at or after this time; ticks fall on multiples of the rate (epoch-aligned). */
  fromMs: number;
}

/** Event ids are UUIDs; a counter keeps them deterministic (no randomness outside sim/model/random.ts). */
const uuidOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * The ticks of one rule. `next(nowMs)` hands out the event of the earliest tick due by `nowMs` (undefined when none),
 * so a caller that fell behind gets every missed tick, in order, as EventBridge would deliver them.
 *
 * @example
 * const rule = new ScheduleRule({ ruleName: 'forecast-scaler-schedule', account, region, rateSeconds: 300, fromMs: startMs });
 * for (let e = rule.next(nowMs); e; e = rule.next(nowMs)) await lambda.invoke(e, nowMs);
 */
export class ScheduleRule {
  private nextAtMs: number;
  private ticks = 0;
  private readonly arn: string;

  constructor(private readonly options: ScheduleRuleOptions) {
    const rateMs = options.rateSeconds * 1000;
    if (!(rateMs > 0)) throw new RangeError(`schedule rule ${options.ruleName}: rate ${options.rateSeconds} s is not > 0`);
    this.nextAtMs = Math.ceil(options.fromMs / rateMs) * rateMs;
    this.arn = `arn:aws:events:${options.region}:${options.account}:rule/${options.ruleName}`;
  }

  /** When the next tick fires, epoch ms. */
  get nextTickMs(): number {
    return this.nextAtMs;
  }

  next(nowMs: number): ScheduledRuleEvent | undefined {
    if (this.nextAtMs > nowMs) return undefined;
    const atMs = this.nextAtMs;
    this.nextAtMs += this.options.rateSeconds * 1000;
    this.ticks += 1;
    return {
      version: '0',
      id: uuidOf(this.ticks),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.options.account,
      time: `${new Date(atMs).toISOString().slice(0, 19)}Z`,
      region: this.options.region,
      resources: [this.arn],
      detail: {},
    };
  }
}
