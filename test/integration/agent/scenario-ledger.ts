// The bookkeeping of an agent scenario: who holds which message, stale deliveries, failed deletes, and power cuts.
import type { ClockPort } from '../../../layers/ports/clock-port';
import type { ReceiveRequest, WorkMessage, WorkQueuePort } from '../../../layers/ports/work-queue-port';

/**
 * An instance's power: once cut, nothing of that agent runs on. Calls made after the cut never answer, and answers
 * to calls made before it never arrive, as when the instance is gone at its deadline.
 */
export class PowerCut {
  cut = false;

  guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.cut) return new Promise<T>(() => undefined);
    return new Promise<T>((resolve, reject) => {
      work().then(
        (value) => {
          if (!this.cut) resolve(value);
        },
        (error: unknown) => {
          if (!this.cut) reject(error);
        },
      );
    });
  }

  clock(clock: ClockPort): ClockPort {
    return { nowMs: () => clock.nowMs(), sleep: (ms) => this.guard(() => clock.sleep(ms)) };
  }
}

/** What the queue saw each agent do, in the terms duplicates are explained by. */
export class ScenarioLedger {
  /** The newest receipt handle of each message, whoever received it: only its holder may still act on it. */
  private readonly latest = new Map<string, string>();
  private readonly messageOf = new Map<string, string>();
  /** Per agent: message id -> the handle it received, while it has neither deleted nor released it. */
  private readonly held: Map<string, string>[] = [new Map(), new Map()];
  private readonly lastReleaseAtMs: (number | undefined)[] = [undefined, undefined];
  /** Replies sent for a message someone else had received since (its visibility had run out under this agent). */
  staleDeliveries = 0;
  /** DeleteMessage calls that failed after the reply had gone out (the agent does not try again). */
  deleteFailures = 0;
  /** Handles whose delete failed and never succeeded later: those messages come back at their visibility timeout. */
  private readonly undeleted = new Set<string>();
  /** Messages a switched-off instance's long poll took after the power cut: hidden until their visibility timeout. */
  takenAfterPowerCut = 0;
  /** Messages handed back with visibility 0 (drain, Triton not ready or failing, poison, polls answered while paused). */
  released = 0;

  receive(agent: number, messages: WorkMessage[]): void {
    for (const m of messages) {
      this.latest.set(m.messageId, m.receiptHandle);
      this.messageOf.set(m.receiptHandle, m.messageId);
      this.held[agent]?.set(m.messageId, m.receiptHandle);
    }
  }

  reply(agent: number, requestMessageId: string | undefined): void {
    if (requestMessageId === undefined) return;
    const mine = this.held[agent]?.get(requestMessageId);
    if (mine === undefined || this.latest.get(requestMessageId) !== mine) this.staleDeliveries += 1;
  }

  deleted(agent: number, receiptHandle: string, ok: boolean): void {
    const messageId = this.messageOf.get(receiptHandle);
    if (messageId === undefined) return;
    this.held[agent]?.delete(messageId);
    if (ok) {
      this.undeleted.delete(receiptHandle);
    } else {
      this.deleteFailures += 1;
      this.undeleted.add(receiptHandle);
    }
  }

  /** Replied-to messages the agent left undeleted: SQS shows them again when their visibility timeout runs out. */
  undeletedAfterReply(): number {
    return this.undeleted.size;
  }

  releasedHandles(agent: number, receiptHandles: string[], atMs: number): void {
    for (const handle of receiptHandles) {
      const messageId = this.messageOf.get(handle);
      if (messageId !== undefined) this.held[agent]?.delete(messageId);
    }
    this.released += receiptHandles.length;
    if (receiptHandles.length > 0) this.lastReleaseAtMs[agent] = atMs;
  }

  lastReleaseOf(agent: number): number | undefined {
    return this.lastReleaseAtMs[agent];
  }

  /**
   * Messages whose newest handle this agent still holds: at its power cut they stay hidden until their visibility
   * timeout, so SQS releases them after the deadline.
   */
  stillHeldBy(agent: number): string[] {
    return [...(this.held[agent] ?? new Map<string, string>()).entries()].filter(([id, handle]) => this.latest.get(id) === handle).map(([id]) => id);
  }
}

/** One agent's view of the work queue, recorded in the ledger and switched off with its instance. */
export class TrackedWorkQueue implements WorkQueuePort {
  constructor(
    private readonly inner: WorkQueuePort,
    private readonly agent: number,
    private readonly ledger: ScenarioLedger,
    private readonly power: PowerCut,
    private readonly clock: Pick<ClockPort, 'nowMs'>,
  ) {}

  receive(queueUrl: string, request: ReceiveRequest): Promise<WorkMessage[]> {
    return this.power.guard(async () => {
      const messages = await this.inner.receive(queueUrl, request);
      if (this.power.cut) this.ledger.takenAfterPowerCut += messages.length;
      else this.ledger.receive(this.agent, messages);
      return messages;
    });
  }

  delete(queueUrl: string, receiptHandle: string): Promise<void> {
    return this.power.guard(async () => {
      try {
        await this.inner.delete(queueUrl, receiptHandle);
      } catch (error) {
        this.ledger.deleted(this.agent, receiptHandle, false);
        throw error;
      }
      this.ledger.deleted(this.agent, receiptHandle, true);
    });
  }

  changeVisibility(queueUrl: string, receiptHandle: string, seconds: number): Promise<void> {
    return this.power.guard(async () => {
      await this.inner.changeVisibility(queueUrl, receiptHandle, seconds);
      if (seconds === 0) this.ledger.releasedHandles(this.agent, [receiptHandle], this.clock.nowMs());
    });
  }

  changeVisibilityBatch(queueUrl: string, receiptHandles: string[], seconds: number): Promise<string[]> {
    return this.power.guard(async () => {
      const failed = await this.inner.changeVisibilityBatch(queueUrl, receiptHandles, seconds);
      if (seconds === 0) this.ledger.releasedHandles(this.agent, receiptHandles.filter((h) => !failed.includes(h)), this.clock.nowMs());
      return failed;
    });
  }

  send(queueUrl: string, body: string, attributes?: Record<string, string>): Promise<void> {
    return this.power.guard(async () => {
      await this.inner.send(queueUrl, body, attributes);
      this.ledger.reply(this.agent, attributes?.RequestMessageId);
    });
  }
}
