/** Settings of the spot use case: the deployment's values over the documented defaults. */
import type { FleetConfig } from '../core/fleet';
import { DEFAULT_SPOT_POLICY, type SpotPolicy } from '../core/spot-policy';

export interface SpotSettingsInput {
  fleets: readonly FleetConfig[];
  globalDryRun: boolean;
  maxSurgeUnitsPerEvent: number;
  policy?: Partial<SpotPolicy>;
}

export const spotSettings = (input: SpotSettingsInput) => ({
  fleets: input.fleets,
  globalDryRun: input.globalDryRun,
  maxSurgeUnitsPerEvent: input.maxSurgeUnitsPerEvent,
  policy: { ...DEFAULT_SPOT_POLICY, ...input.policy },
  // Longer than the 60 s function timeout, so a live invocation never loses its claim.
  claimLeaseMs: 90_000,
  // EventBridge retries for up to 24 h; Lambda's async queue keeps events up to 6 h.
  claimTtlSeconds: 48 * 3600,
  arrivalWindowSeconds: 300,
});
