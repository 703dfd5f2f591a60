/** A clock the simulator and tests drive: time moves only when told, and sleeping advances it. */
import type { ClockPort } from '../ports/clock-port';

export class ManualClock implements ClockPort {
  constructor(private current: number) {}

  nowMs(): number {
    return this.current;
  }

  /** Sleeping on a manual clock advances it, so retry loops finish at once in tests and in the simulator. */
  async sleep(ms: number): Promise<void> {
    this.current += Math.max(0, ms);
  }

  set(ms: number): void {
    this.current = ms;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
