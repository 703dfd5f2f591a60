/** Ranks the audit's savings by $/month, each naming the autopilot feature that captures it. */
import type { FleetConfig } from '../fleet';
import type { Saving, SavingKind } from './audit-types';
import type { FleetSaving } from './fleet-findings';

/** AWS prices a month as 730 hours. */
export const HOURS_PER_MONTH = 730;

/** Which part of the autopilot captures each kind of saving once it manages the fleet. */
export const FEATURE_OF: Readonly<Record<SavingKind, string>> = {
  'idle-capacity': 'GPU alarms (scale in on idle GPUs) and forecast scaling down to the minimum capacity',
  'over-provisioning': 'forecast-driven scaling (capacity = forecast demand / target utilization, ahead of the ramp)',
  'on-demand-to-spot': 'Spot rebalancer (on-demand above the base moved to the calmest Spot pools)',
};

/**
 * Scales each saving from the window to a month and ranks them, largest first (ties: by fleet name, then kind).
 *
 * @example
 * rankSavings([{ fleet, savings: [{ kind: 'idle-capacity', windowUsd: 300, evidence: '…' }] }], 720);
 * // [{ rank: 1, kind: 'idle-capacity', usdPerMonth: 304.17, feature: 'GPU alarms …', … }]
 */
export const rankSavings = (perFleet: readonly { fleet: FleetConfig; savings: readonly FleetSaving[] }[], windowHours: number): Saving[] => {
  const toMonth = windowHours > 0 ? HOURS_PER_MONTH / windowHours : 0;
  return perFleet
    .flatMap(({ fleet, savings }) =>
      savings.map((s) => ({
        kind: s.kind,
        fleetId: fleet.fleetId,
        fleetName: fleet.name,
        usdPerMonth: Math.round(s.windowUsd * toMonth * 100) / 100,
        feature: FEATURE_OF[s.kind],
        evidence: s.evidence,
      })),
    )
    .filter((s) => s.usdPerMonth > 0)
    .sort((a, b) => b.usdPerMonth - a.usdPerMonth || a.fleetName.localeCompare(b.fleetName) || a.kind.localeCompare(b.kind))
    .map((s, i) => ({ rank: i + 1, ...s }));
};
