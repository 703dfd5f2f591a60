/** The drain: stop receiving, finish what can finish before the deadline, hand back the rest, acknowledge. */
import { drainedTags } from '../layers/core/drain-protocol';
import type { ClockPort } from '../layers/ports/clock-port';
import type { FleetPort } from '../layers/ports/fleet-port';
import type { LoggerPort } from '../layers/ports/logger-port';
import type { DrainNotice, DrainSource } from './drain-sources';
import { interruptibleSleep } from './interruptible-sleep';
import { Trigger } from './trigger';
import type { Worker } from './worker';

const ACK_ATTEMPTS = 3;
const ACK_BACKOFF_MS = 500;

/**
 * `serving` -> `draining` -> `drained`. Only the autopilot's drain tag can be taken back (the autopilot stood
 * down): a drain that came from it alone goes back to serving when the tag goes away, before or after it
 * completed. The other sources mean the instance or the process is going away: their drain ends the agent.
 */
export type DrainState = 'serving' | 'draining' | 'drained';

const ENDS_THE_AGENT: readonly DrainSource[] = ['spot-instance-action', 'rebalance-recommendation', 'sigterm'];

export interface DrainerDeps {
  worker: Pick<Worker, 'pause' | 'resume' | 'releaseWorking' | 'whenEmpty' | 'whenPollIdle' | 'inFlight'>;
  clock: ClockPort;
  logger: LoggerPort;
  /** Tags this instance `autopilot:drained` (FleetPort's CreateTags; Ec2FleetAdapter in production). */
  tagger: Pick<FleetPort, 'createTags'>;
  instanceId: () => Promise<string | undefined>;
  safetyMarginSeconds: number;
}

/**
 * On the first notice: start no new receive (the long poll in progress still answers, and what it brings is handed
 * back at once); let held requests finish until the earliest deadline minus the safety margin; then hand back every
 * unfinished message with one ChangeMessageVisibilityBatch(0) (their late results are dropped); once that last poll
 * has answered, tag the instance `autopilot:drained`. A later notice with an earlier deadline shortens the wait.
 *
 * @example
 * const drainer = new Drainer(deps);
 * drainer.notice({ source: 'sigterm', deadlineMs: now + 30_000, detail: 'SIGTERM' });
 * await drainer.whenFinal(); // exit 0
 */
export class Drainer {
  private readonly notices = new Map<DrainSource, DrainNotice>();
  private current: DrainState = 'serving';
  private readonly changed = new Trigger();
  private final = false;
  private resolveFinal: () => void = () => undefined;
  private readonly finalDone = new Promise<void>((resolve) => (this.resolveFinal = resolve));

  constructor(private readonly deps: DrainerDeps) {}

  state(): DrainState {
    return this.current;
  }

  /** The earliest deadline among the notices in force. */
  deadlineMs(): number | undefined {
    const deadlines = [...this.notices.values()].map((n) => n.deadlineMs);
    return deadlines.length === 0 ? undefined : Math.min(...deadlines);
  }

  sources(): DrainSource[] {
    return [...this.notices.keys()];
  }

  /** Resolves once a drain that ends the agent has handed back its messages and acknowledged. */
  whenFinal(): Promise<void> {
    return this.finalDone;
  }

  notice(notice: DrainNotice): void {
    this.notices.set(notice.source, notice);
    this.deps.logger.info('drain notice', { source: notice.source, deadline: new Date(notice.deadlineMs).toISOString(), detail: notice.detail, state: this.current });
    if (this.current === 'serving') {
      void this.drain().catch((error: unknown) => this.deps.logger.error('drain failed', { error: String(error) }));
    }
    else if (this.current === 'drained') this.settle();
    this.changed.fire();
  }

  /** The drain tag went away: if nothing else asks for a drain, serve again. */
  drainTagRemoved(): void {
    if (!this.notices.delete('drain-tag')) return;
    this.deps.logger.info('drain tag removed: the autopilot stood down', { state: this.current, otherSources: this.sources() });
    if (this.current === 'drained') this.settle();
    this.changed.fire();
  }

  private async drain(): Promise<void> {
    this.current = 'draining';
    this.deps.worker.pause('draining');
    for (;;) {
      if (this.notices.size === 0) {
        this.resumeServing();
        return;
      }
      const cutoffMs = (this.deadlineMs() ?? 0) - this.deps.safetyMarginSeconds * 1000;
      const waitMs = cutoffMs - this.deps.clock.nowMs();
      if (this.deps.worker.inFlight() === 0 || waitMs <= 0) break;
      await Promise.race([this.deps.worker.whenEmpty(), interruptibleSleep(this.deps.clock, waitMs, { trigger: this.changed })]);
    }
    const released = await this.deps.worker.releaseWorking('drain deadline minus safety margin reached');
    // Results already being delivered finish: their replies are out, their deletes are quick.
    await this.deps.worker.whenEmpty();
    // The long poll open at the notice still answers (SQS fills it even if abandoned): its messages go back first.
    await this.deps.worker.whenPollIdle();
    await this.acknowledge(released);
    this.current = 'drained';
    this.settle();
  }

  /** In `drained`: end the agent if a notice says so, serve again if no notice is left. */
  private settle(): void {
    if (this.sources().some((source) => ENDS_THE_AGENT.includes(source))) {
      if (!this.final) this.deps.logger.info('drain complete; the agent ends', { sources: this.sources() });
      this.final = true;
      this.resolveFinal();
    } else if (this.notices.size === 0) {
      this.resumeServing();
    }
  }

  private resumeServing(): void {
    this.current = 'serving';
    this.deps.worker.resume('draining');
    this.deps.logger.info('receiving again');
  }

  private async acknowledge(released: number): Promise<void> {
    let instanceId: string | undefined;
    try {
      instanceId = await this.deps.instanceId();
    } catch (error) {
      this.deps.logger.warn('instance id unknown', { error: String(error) });
    }
    if (instanceId === undefined) {
      this.deps.logger.warn('drained, but not acknowledged: the instance id is unknown', { released });
      return;
    }
    for (let attempt = 1; attempt <= ACK_ATTEMPTS; attempt += 1) {
      const finishedAtMs = this.deps.clock.nowMs();
      try {
        await this.deps.tagger.createTags(instanceId, drainedTags(finishedAtMs));
        this.deps.logger.info('drained and acknowledged', { instanceId, released, at: new Date(finishedAtMs).toISOString(), sources: this.sources() });
        return;
      } catch (error) {
        this.deps.logger.warn('acknowledging the drain failed', { instanceId, attempt, error: String(error) });
        if (attempt < ACK_ATTEMPTS) await this.deps.clock.sleep(ACK_BACKOFF_MS * attempt);
      }
    }
    this.deps.logger.error('drained, but the drained tag could not be set', { instanceId, released });
  }
}
