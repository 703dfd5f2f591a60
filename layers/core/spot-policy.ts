/** Tunables of the spot-interruption decision (defaults documented in README, overridable per deployment). */

export interface SpotPolicy {
  /** How long an interrupted pool stays in the unavailable-offerings memory (Karpenter uses 3 min; GPU pools stay thin longer). */
  atRiskTtlSeconds: number;
  maxUtilization: number;
  surgeWhenDemandUnknown: boolean;
  /** When a replacement is not serving yet at the follow-up, look again after this long. */
  followUpRetrySeconds: number;
  /** A scheduled change is prepared this long before its start, on top of the launch lead time. */
  scheduledChangeMarginSeconds: number;
  /** Drain deadline given to the agent for a drain that has no interruption deadline (rebalance). */
  drainGraceSeconds: number;
  /** Share of the SLO left for queue wait (the rest is service time on the GPU). */
  queueWaitShareOfSlo: number;
}

export const DEFAULT_SPOT_POLICY: SpotPolicy = {
  atRiskTtlSeconds: 30 * 60,
  maxUtilization: 0.9,
  surgeWhenDemandUnknown: true,
  followUpRetrySeconds: 60,
  scheduledChangeMarginSeconds: 10 * 60,
  drainGraceSeconds: 120,
  queueWaitShareOfSlo: 0.5,
};
