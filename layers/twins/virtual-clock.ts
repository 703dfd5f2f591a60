/** A clock twin for concurrent loops: sleeps wait until time is moved, and moving time wakes them in order. */
import type { ClockPort } from '../ports/clock-port';

interface Sleeper {
  atMs: number;
  order: number;
  wake: () => void;
}

/** Lets pending promise chains and I/O callbacks run (a few macrotask turns). */
export const settle = async (turns = 5): Promise<void> => {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * Unlike ManualClock (where every sleep advances time by itself), concurrent loops here sleep on one shared
 * timeline: `advance(ms)` wakes each sleeper at its own time, oldest first, and lets the woken code run before
 * the next one. A test or a replay then says "20 s later" and sees what agents do in 20 s, without waiting.
 *
 * @example
 * const clock = new VirtualClock(Date.UTC(2026, 2, 14, 3, 12));
 * void runAgent(config, { ...deps, clock });
 * await clock.advance(20_000);                              // every loop of the agent ran its 20 s
 * await clock.until(() => agentEnded, 180_000);              // or: move time until something happened
 */
export class VirtualClock implements ClockPort {
  private sleepers: Sleeper[] = [];
  private order = 0;

  constructor(private current = Date.UTC(2026, 2, 14, 3, 12, 0)) {}

  nowMs(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ atMs: this.current + Math.max(0, ms), order: this.order++, wake }));
  }

  /** Moves time forward by `ms`, waking sleepers as their time comes. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    await settle();
    for (;;) {
      const next = this.next();
      if (next === undefined || next.atMs > end) break;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      this.current = Math.max(this.current, next.atMs);
      next.wake();
      await settle();
    }
    this.current = end;
    await settle();
  }

  /** Advances in `stepMs` steps until `done()` holds; throws after `limitMs` (the behaviour never happened). */
  async until(done: () => boolean, limitMs = 600_000, stepMs = 100): Promise<void> {
    for (let waited = 0; !done(); waited += stepMs) {
      if (waited >= limitMs) throw new Error(`condition not reached within ${limitMs} ms of virtual time`);
      await this.advance(stepMs);
    }
  }

  private next(): Sleeper | undefined {
    return this.sleepers.reduce<Sleeper | undefined>((best, s) => (best === undefined || s.atMs < best.atMs || (s.atMs === best.atMs && s.order < best.order) ? s : best), undefined);
  }
}
