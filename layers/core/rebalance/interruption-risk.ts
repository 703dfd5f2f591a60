// Interruption risk of a pool as a price multiplier: the expected cost of interruptions per hour of an instance.
import type { InterruptionBucket } from '../catalog/catalog-data';

/**
 * Share of Spot instances reclaimed per month for each Spot Instance Advisor bucket (<5%, 5-10%, 10-15%, 15-20%,
 * >20%): the middle of each bucket, and 25% for the open-ended last one.
 */
const MONTHLY_SHARE_BY_BUCKET: Record<InterruptionBucket, number> = { 0: 0.025, 1: 0.075, 2: 0.125, 3: 0.175, 4: 0.25 };
const HOURS_PER_MONTH = 730;

/** Interruptions per instance-hour the advisor's bucket implies; an unlisted type is taken as the worst bucket. */
export const advisorInterruptionsPerHour = (bucket: InterruptionBucket | undefined): number =>
  MONTHLY_SHARE_BY_BUCKET[bucket ?? 4] / HOURS_PER_MONTH;

/** What is known about one Spot pool's risk. */
export interface RiskEvidence {
  advisorBucket: InterruptionBucket | undefined;
  /** This fleet's interruptions in the pool over the last 24 hours (ledger). */
  observedInterruptions24h: number;
  /** This fleet's instances in the pool now (the exposure those interruptions happened on; at least 1 is assumed). */
  instancesInPool: number;
  /** In the unavailable-offerings memory now. */
  atRisk: boolean;
  /** The zone's placement score, 1..10; undefined when scores are not available at all. */
  placementScore: number | undefined;
}

export interface RiskWeights {
  riskAversion: number;
  replacementOverlapSeconds: number;
  launchLeadTimeSeconds: number;
  atRiskInterruptionsPerHour: number;
}

/**
 * Expected interruptions per instance-hour: the advisor's rate, plus the rate this fleet observed in the pool,
 * plus the at-risk rate for a pool in the unavailable-offerings memory; then scaled by the zone's placement score
 * (x1 at 10, up to x2 at 1, since a zone short of Spot capacity is where reclaims come from).
 */
export const interruptionsPerHour = (evidence: RiskEvidence, atRiskPerHour: number): number => {
  const observed = Math.max(0, evidence.observedInterruptions24h) / (24 * Math.max(1, evidence.instancesInPool));
  const base = advisorInterruptionsPerHour(evidence.advisorBucket) + observed + (evidence.atRisk ? atRiskPerHour : 0);
  const score = evidence.placementScore === undefined ? 10 : Math.min(10, Math.max(1, evidence.placementScore));
  return base * (1 + (10 - score) / 9);
};

/**
 * The price multiplier of a Spot pool: 1 + riskAversion x interruptions/hour x hours lost per interruption.
 *
 * An interruption costs the replacement's warm-up (launch lead time: paid, not serving) plus the overlap while
 * the old and the new instance both run, both at about the pool's price; so per hour of an instance the expected
 * extra cost is rate x (lead + overlap) x price, i.e. a multiplier on the price. `riskAversion` scales it for
 * what dollars miss. The multiplier only grows with the rate, the observed interruptions, a lower placement score
 * and the at-risk mark, so a riskier pool never looks cheaper. On-demand pools are not reclaimed: multiplier 1.
 *
 * @example
 * // g5.xlarge (advisor >20%) with 3 interruptions in 24 h on 4 instances, 420 s lead, 120 s overlap, aversion 20:
 * spotRiskMultiplier({ advisorBucket: 4, observedInterruptions24h: 3, instancesInPool: 4, atRisk: false, placementScore: undefined },
 *   { riskAversion: 20, replacementOverlapSeconds: 120, launchLeadTimeSeconds: 420, atRiskInterruptionsPerHour: 0.5 }); // ~1.095
 */
export const spotRiskMultiplier = (evidence: RiskEvidence, weights: RiskWeights): number => {
  const hoursLost = (Math.max(0, weights.launchLeadTimeSeconds) + Math.max(0, weights.replacementOverlapSeconds)) / 3600;
  return 1 + Math.max(0, weights.riskAversion) * interruptionsPerHour(evidence, weights.atRiskInterruptionsPerHour) * hoursLost;
};
