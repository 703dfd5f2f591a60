/** One attributed fleet of a cost anomaly, under its lock: read the evidence and state, decide, act through the guard. */
import { anomalyWindow, type FleetAttribution } from '../core/cost/attribute-anomaly';
import type { CostAnomaly } from '../core/cost/cost-anomaly';
import { evidenceLines } from '../core/cost/cost-evidence';
import type { CostRemediationRecord } from '../core/cost/cost-incident';
import { costRemediationPolicyOf } from '../core/cost/cost-remediation-policy';
import { decideRemediation } from '../core/cost/decide-remediation';
import type { FleetConfig } from '../core/fleet';
import { applyCostRemediation } from './apply-cost-remediation';
import type { CostAnomalyDeps } from './cost-anomaly-deps';
import { readCostEvidence } from './read-cost-evidence';
import { readFleetCostSnapshot } from './read-fleet-cost-snapshot';
import { withFleetLock } from './with-fleet-lock';

export interface FleetRemediation {
  evidence: string[];
  records: CostRemediationRecord[];
  /** Set when a fleet call failed in a way a retry may fix: the remediations after it were not run. */
  retryableError?: string;
}

/**
 * Decides on fresh state and runs the fleet's remediations in order, under the fleet's lock (the scalers change its
 * target too). Stops at the first failure a retry may fix, so the retry decides again from what is then true.
 */
export const remediateCostFleet = async (deps: CostAnomalyDeps, fleet: FleetConfig, attribution: FleetAttribution, anomaly: CostAnomaly, eventId: string): Promise<FleetRemediation> =>
  withFleetLock(deps, fleet.fleetId, async () => {
    const nowMs = deps.clock.nowMs();
    const facts = await readCostEvidence(deps, fleet.fleetId, anomalyWindow(anomaly));
    const snapshot = await readFleetCostSnapshot(deps, fleet, facts, nowMs);
    const decided = decideRemediation(snapshot, costRemediationPolicyOf(fleet.tier, deps.config.remediation), anomaly.anomalyId);
    const evidence = [`${fleet.name}: ${attribution.matchedBy.join('; ')}`, ...evidenceLines(facts).map((line) => `${fleet.name}: ${line}`)];
    const records: CostRemediationRecord[] = [];
    for (const remediation of decided) {
      const applied = await applyCostRemediation(deps, fleet, remediation, anomaly.anomalyId, eventId);
      records.push(applied.record);
      if (applied.retryableError !== undefined) return { evidence, records, retryableError: applied.retryableError };
    }
    deps.logger.info('cost anomaly remediation decided', { fleet: fleet.name, anomalyId: anomaly.anomalyId, remediations: records.map((r) => `${r.kind}:${r.outcome}`) });
    return { evidence, records };
  });
