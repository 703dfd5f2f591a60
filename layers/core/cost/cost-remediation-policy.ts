/** Per tier: which cost remediations run hands-off, and the $/hour change above which any of them only recommends. */
import type { Tier } from '../tier';

/** What the autopilot can do about a fleet's cost anomaly. */
export type CostRemediationKind = 'scale-to-need' | 'rebalance-to-spot' | 'undo-surge' | 'undo-drain' | 'alert-only';

export interface CostRemediationPolicy {
  /** Remediations the autopilot runs itself (through the guard); the others are recommended in Slack. */
  handsOff: readonly CostRemediationKind[];
  /** A remediation changing the fleet's spend by more than this, $/hour, is only recommended whatever its kind. */
  recommendAboveUsdPerHour: number;
}

/**
 * Critical fleets only get their stuck incident leftovers undone hands-off (capacity there is cheaper than an SLO miss);
 * standard fleets also scale to need and return to Spot; batch fleets likewise with a higher ceiling.
 */
const DEFAULTS: Readonly<Record<Tier, CostRemediationPolicy>> = {
  critical: { handsOff: ['undo-surge', 'undo-drain'], recommendAboveUsdPerHour: 25 },
  standard: { handsOff: ['undo-surge', 'undo-drain', 'scale-to-need', 'rebalance-to-spot'], recommendAboveUsdPerHour: 50 },
  batch: { handsOff: ['undo-surge', 'undo-drain', 'scale-to-need', 'rebalance-to-spot'], recommendAboveUsdPerHour: 100 },
};

/**
 * The tier's policy, with the deployment's overrides for that tier when given.
 *
 * @example
 * costRemediationPolicyOf('critical', { critical: { recommendAboveUsdPerHour: 10 } }); // { handsOff: ['undo-surge', 'undo-drain'], recommendAboveUsdPerHour: 10 }
 */
export const costRemediationPolicyOf = (tier: Tier, overrides: Partial<Record<Tier, Partial<CostRemediationPolicy>>> = {}): CostRemediationPolicy => ({
  ...DEFAULTS[tier],
  ...overrides[tier],
});
