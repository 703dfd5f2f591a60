/** The only way the app reads time, so the simulator and tests control it. */

export interface ClockPort {
  nowMs(): number;
}
