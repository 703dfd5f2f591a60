/** The only way the app reads time or waits, so the simulator and tests control both. */

export interface ClockPort {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}
