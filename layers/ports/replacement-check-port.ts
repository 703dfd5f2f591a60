/** What the rebalancer needs from EventBridge Scheduler: look again at one of its replacements at a given time. */
import type { ReplacementStepDetail } from '../core/rebalancer/replacement-step-event';
import { PortError } from './port-error';

export type { ReplacementStepDetail };

/** Thrown when a check cannot be scheduled; `retryable` says whether trying again later may help. */
export class ReplacementCheckError extends PortError {
  override readonly name = 'ReplacementCheckError';
}

export interface ReplacementCheckRequest {
  /** Unique per move and check; scheduling the same name twice keeps one schedule. */
  name: string;
  atMs: number;
  detail: ReplacementStepDetail;
}

/**
 * A rolling replacement waits for EC2 (the surge to launch and serve) and for the agent (the drain): the function
 * schedules its own next look rather than waiting inside an invocation.
 *
 * @example
 * await checks.scheduleCheck({ name: 'rb-fleet-5c4e3bd2-i-0a1b2c3d4e5f60718-1', atMs: nowMs + 420_000, detail: { fleetId, moveId, check: 1 } });
 */
export interface ReplacementCheckPort {
  scheduleCheck(request: ReplacementCheckRequest): Promise<void>;
}
