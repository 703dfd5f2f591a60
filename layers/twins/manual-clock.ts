/** A clock the simulator and tests drive: time moves only when told, and sleeping advances it. */
import type { ClockPort } from '../ports/clock-port';

export class ManualClock implements ClockPort {
  constructor(private current: number) {}

  nowMs(): number {
    return this.current;
  }

  /**
   * Sleeping on a manual clock advances it, so retry loops finish at once in tests and in the simulator. It
   * first lets pending I/O callbacks run, as a real sleep would, so a concurrent invocation makes progress.
   */
  async sleep(ms: number): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.current += Math.max(0, ms);
  }

  set(ms: number): void {
    this.current = ms;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
