/** A fleet's request for the rebalancer to look at it soon, and why: kept in the ledger, one per fleet and reason. */
import type { RebalanceTriggerReason } from './gpu-alarm/gpu-alarm-memory';

/**
 * How long the ledger keeps a request (the table's TTL, `expiresAt`): far longer than any window the rebalancer counts
 * one in (its memory-request window, its plan interval), so expiry only clears out what no reader still wants.
 */
export const REBALANCE_REQUEST_RETENTION_MS = 7 * 24 * 3_600_000;

/** Whether a request is past its retention at `nowMs` (the TTL's test: expired when `expiresAt * 1000 <= nowMs`). */
export const rebalanceRequestExpired = (request: Pick<RebalanceRequest, 'requestedAtMs'>, nowMs: number): boolean =>
  Math.ceil((request.requestedAtMs + REBALANCE_REQUEST_RETENTION_MS) / 1000) * 1000 <= nowMs;

/**
 * Recorded by the gpu-alarm function (idle at the minimum, GPU memory nearly full), the cost-anomaly function and the
 * spot-interruption function (an interruption incident opened); the rebalancer reads the fleet's
 * requests at its next run and treats one newer than its last look at the fleet as a reason to plan now.
 *
 * @example
 * { fleetId: 'fleet-6f2a9c4e', reason: 'memory-pressure', requestedAtMs, eventId: 'c4c1c1c9-...',
 *   detail: 'GPU memory 92% used: g6.xlarge fits at INT8 for less', minGpuMemoryGiB: 18.4 }
 */
export interface RebalanceRequest {
  fleetId: string;
  reason: RebalanceTriggerReason;
  /** Why, in a sentence with numbers, for the rebalancer's log and its Slack message. */
  detail: string;
  requestedAtMs: number;
  /** The event that asked for it. */
  eventId: string;
  /** The GPU memory per GPU a candidate type needs (memory pressure only), GiB. */
  minGpuMemoryGiB?: number;
}
