/** The real clock, for Lambda. */
import type { ClockPort } from '../ports/clock-port';

export const systemClock: ClockPort = {
  nowMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
