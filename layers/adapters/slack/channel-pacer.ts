/** Paces sends per Slack channel: one message per interval, queued in order, never dropped. */
import type { ClockPort } from '../../ports/clock-port';

/**
 * Slack allows about one chat.postMessage per second per channel (short bursts tolerated).
 * @see https://docs.slack.dev/apis/web-api/rate-limits#special-rate-limits
 */
export const SLACK_CHANNEL_INTERVAL_MS = 1000;

export class ChannelPacer {
  /** When each channel may next receive a message. */
  private readonly nextAtMs = new Map<string, number>();
  /** The last queued send per channel: each new send waits for it, so order is kept. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly clock: ClockPort,
    private readonly intervalMs: number = SLACK_CHANNEL_INTERVAL_MS,
  ) {}

  /** Run `send` once the channel's previous send has started at least `intervalMs` ago. */
  async run<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    let release = (): void => {};
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => turn);
    this.tails.set(channel, tail);
    await previous;
    try {
      const waitMs = (this.nextAtMs.get(channel) ?? Number.NEGATIVE_INFINITY) - this.clock.nowMs();
      if (waitMs > 0) await this.clock.sleep(waitMs);
      this.nextAtMs.set(channel, this.clock.nowMs() + this.intervalMs);
      return await send();
    } finally {
      release();
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
    }
  }
}
