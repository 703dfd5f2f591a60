// A manual clock that also records every sleep asked of it, so tests assert waits without waiting.
import type { ClockPort } from '../../layers/ports/clock-port';
import { ManualClock } from '../../layers/twins/manual-clock';

export class RecordingClock implements ClockPort {
  readonly sleeps: number[] = [];
  private readonly clock: ManualClock;

  constructor(startMs = Date.UTC(2026, 2, 14, 3, 12, 0)) {
    this.clock = new ManualClock(startMs);
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    await this.clock.sleep(ms);
  }
}
