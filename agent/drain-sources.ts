/** Watches what can ask this instance to drain: IMDS notices, the autopilot's drain tag, and SIGTERM. */
import { DRAIN_INCIDENT_TAG, DRAIN_REASON_TAG, DRAIN_TAG, readDrainRequest } from '../layers/core/drain-protocol';
import type { ClockPort } from '../layers/ports/clock-port';
import type { InstanceMetadataPort } from '../layers/ports/instance-metadata-port';
import type { LoggerPort } from '../layers/ports/logger-port';
import { interruptibleSleep } from './interruptible-sleep';

export type DrainSource = 'spot-instance-action' | 'rebalance-recommendation' | 'drain-tag' | 'sigterm';

export interface DrainNotice {
  source: DrainSource;
  /** When the instance (or the process) goes away, epoch ms. */
  deadlineMs: number;
  /** What the notice said, for the logs (`terminate`, `spot-interruption (incident inc-1)`, `SIGTERM`). */
  detail: string;
}

/** A rebalance recommendation carries no deadline; EC2 gives at least this long once an interruption follows. */
export const REBALANCE_DRAIN_SECONDS = 120;

/** How the process learns it is asked to stop (SIGTERM from systemd, SIGINT from a terminal). */
export interface TerminationSignals {
  /** Calls `listener` on each termination signal; returns the unsubscribe function. */
  onTerminate(listener: (signal: string) => void): () => void;
}

export interface DrainWatcherDeps {
  imds: InstanceMetadataPort;
  clock: ClockPort;
  logger: LoggerPort;
  signals: TerminationSignals;
  imdsPollSeconds: number;
  drainOnRebalance: boolean;
  sigtermGraceSeconds: number;
  onNotice: (notice: DrainNotice) => void;
  /** The `autopilot:drain` tag went away: the autopilot stood down. */
  onDrainTagRemoved: () => void;
}

/**
 * Polls IMDS every `imdsPollSeconds` for the spot instance-action (deadline: its `time`, for terminate, stop and
 * hibernate alike), the rebalance recommendation when `drainOnRebalance` (deadline: first seen + 120 s) and the
 * `autopilot:drain` instance tag (deadline: its value, per the drain protocol); SIGTERM gives now +
 * `sigtermGraceSeconds`. Each notice is reported once, and again only when it changes. An IMDS error is not a
 * notice and not a removal: the previous state holds until IMDS answers.
 */
export class DrainWatcher {
  private spotKey: string | undefined;
  private rebalanceSeen = false;
  private tagKey: string | undefined;
  private malformedTag: string | undefined;

  constructor(private readonly deps: DrainWatcherDeps) {}

  async run(stop: AbortSignal): Promise<void> {
    let terminating = false;
    const unsubscribe = this.deps.signals.onTerminate((signal) => {
      // systemd may signal both the wrapper and the agent; the first signal sets the deadline, repeats do not move it.
      if (terminating) return;
      terminating = true;
      this.deps.onNotice({ source: 'sigterm', deadlineMs: this.deps.clock.nowMs() + this.deps.sigtermGraceSeconds * 1000, detail: signal });
    });
    try {
      while (!stop.aborted) {
        await this.poll();
        await interruptibleSleep(this.deps.clock, this.deps.imdsPollSeconds * 1000, { signal: stop });
      }
    } finally {
      unsubscribe();
    }
  }

  /** One round of IMDS reads (the three in parallel). */
  async poll(): Promise<void> {
    await Promise.all([this.pollSpot(), this.deps.drainOnRebalance ? this.pollRebalance() : undefined, this.pollTag()]);
  }

  private async pollSpot(): Promise<void> {
    const action = await this.read('spot instance-action', () => this.deps.imds.spotInstanceAction());
    if (!action.ok || action.value === undefined) return;
    const key = `${action.value.action}@${action.value.atMs}`;
    if (key === this.spotKey) return;
    this.spotKey = key;
    this.deps.onNotice({ source: 'spot-instance-action', deadlineMs: action.value.atMs, detail: action.value.action });
  }

  private async pollRebalance(): Promise<void> {
    const noticeAt = await this.read('rebalance recommendation', () => this.deps.imds.rebalanceRecommendationAtMs());
    if (!noticeAt.ok || noticeAt.value === undefined || this.rebalanceSeen) return;
    this.rebalanceSeen = true;
    this.deps.onNotice({
      source: 'rebalance-recommendation',
      deadlineMs: this.deps.clock.nowMs() + REBALANCE_DRAIN_SECONDS * 1000,
      detail: `recommended at ${new Date(noticeAt.value).toISOString()}`,
    });
  }

  private async pollTag(): Promise<void> {
    const deadline = await this.read('drain tag', () => this.deps.imds.tag(DRAIN_TAG));
    if (!deadline.ok) return;
    if (deadline.value === undefined) {
      if (this.tagKey === undefined) return;
      this.tagKey = undefined;
      this.deps.onDrainTagRemoved();
      return;
    }
    const [incident, reason] = await Promise.all([this.read('drain tag', () => this.deps.imds.tag(DRAIN_INCIDENT_TAG)), this.read('drain tag', () => this.deps.imds.tag(DRAIN_REASON_TAG))]);
    const request = readDrainRequest({
      [DRAIN_TAG]: deadline.value,
      [DRAIN_INCIDENT_TAG]: incident.ok ? incident.value : undefined,
      [DRAIN_REASON_TAG]: reason.ok ? reason.value : undefined,
    });
    if (request === undefined) {
      if (this.malformedTag === deadline.value) return;
      this.malformedTag = deadline.value;
      this.deps.logger.warn('ignoring a drain tag that is not a date', { tag: DRAIN_TAG, value: deadline.value });
      return;
    }
    const key = `${request.deadlineMs}|${request.incidentId}|${request.reason}`;
    if (key === this.tagKey) return;
    this.tagKey = key;
    this.deps.onNotice({ source: 'drain-tag', deadlineMs: request.deadlineMs, detail: `${request.reason} (incident ${request.incidentId})` });
  }

  private async read<T>(what: string, call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      this.deps.logger.debug(`reading the ${what} from instance metadata failed`, { error: String(error) });
      return { ok: false };
    }
  }
}
