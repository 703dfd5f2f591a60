/** Keeps held messages invisible while their requests run longer than the visibility timeout. */
import type { ClockPort } from '../layers/ports/clock-port';
import { interruptibleSleep } from './interruptible-sleep';
import type { VisibilityKeeper } from './visibility-keeper';

export interface HeartbeatDeps {
  clock: ClockPort;
  visibility: VisibilityKeeper;
  /** The receipt handles of the messages held now. */
  receiptHandles: () => string[];
  heartbeatSeconds: number;
  visibilityTimeoutSeconds: number;
}

/**
 * Every `heartbeatSeconds`, sets the visibility of every held message to `visibilityTimeoutSeconds` from now
 * (ChangeMessageVisibilityBatch, 10 per call), so a message is never shown to another consumer while this one
 * still works on it. Returns when `stop` aborts.
 */
export const runHeartbeat = async (deps: HeartbeatDeps, stop: AbortSignal): Promise<void> => {
  while (!stop.aborted) {
    await interruptibleSleep(deps.clock, deps.heartbeatSeconds * 1000, { signal: stop });
    if (stop.aborted) return;
    await deps.visibility.extend(deps.receiptHandles, deps.visibilityTimeoutSeconds);
  }
};
