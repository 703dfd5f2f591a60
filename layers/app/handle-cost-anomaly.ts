/** The cost-anomaly use case: one anomaly, one incident per anomaly id, attributed, remediated through the guard, told in Slack. */
import { attributeAnomaly } from '../core/cost/attribute-anomaly';
import type { CostAnomaly } from '../core/cost/cost-anomaly';
import type { CostIncident, CostRemediationRecord } from '../core/cost/cost-incident';
import { CostLedgerConflictError } from '../ports/cost-ledger-port';
import type { CostAnomalyDeps } from './cost-anomaly-deps';
import { isRetryable, messageOf, SignalProcessingError } from './errors';
import { notifyCostIncident } from './notify-cost-incident';
import { remediateCostFleet, type FleetRemediation } from './remediate-cost-fleet';

export interface CostAnomalyOutcome {
  anomalyId: string;
  /** duplicate: this anomaly at this impact (or a bigger one) was handled; nothing was done again. */
  status: 'opened' | 'updated' | 'duplicate' | 'in-progress';
  /** Names of the fleets it was attributed to. */
  fleets: string[];
  /** What this delivery did or recommended. */
  remediations: CostRemediationRecord[];
}

/** Claims outlive Lambda's and SNS's retries of a delivery. */
const CLAIM_TTL_SECONDS = 7 * 24 * 3600;
/** Longer than the fleets' locks and calls take: a claim is held while the invocation may still be working. */
const CLAIM_LEASE_MS = 240_000;

const claimKey = (anomaly: CostAnomaly): string => `cost-anomaly#${anomaly.anomalyId}#${anomaly.impact.totalImpactUsd}`;

/** The stored incident told again when its last message did not get through (a redelivery is the next chance). */
const retryUnsent = async (deps: CostAnomalyDeps, stored: CostIncident): Promise<void> => {
  if (stored.unsent === undefined || stored.unsent.length === 0) return;
  const told = await notifyCostIncident(deps, stored);
  await deps.costs.saveCostIncident({ ...told, version: stored.version + 1 }).catch((error: unknown) => {
    if (!(error instanceof CostLedgerConflictError)) throw error;
  });
};

const attributedFleets = async (deps: CostAnomalyDeps, anomaly: CostAnomaly) => {
  const { fleets, region, accountId } = deps.config;
  const attribution = attributeAnomaly(anomaly, { fleets, region, accountId: accountId ?? anomaly.accountId });
  const outside = attribution.outside.map((o) => `outside the managed fleets: ${o.why}`);
  const evidence: string[] = [];
  const records: CostRemediationRecord[] = [];
  for (const found of attribution.fleets) {
    const fleet = fleets.find((f) => f.fleetId === found.fleetId);
    if (fleet === undefined) continue;
    const done: FleetRemediation = await remediateCostFleet(deps, fleet, found, anomaly, anomaly.anomalyId).catch((error: unknown) => {
      // A fleet that cannot be read for good (its EC2 Fleet deleted) must not keep the others' incident from being told.
      if (isRetryable(error)) throw error;
      deps.logger.error('cost anomaly: fleet skipped', { fleet: fleet.name, anomalyId: anomaly.anomalyId, error: messageOf(error) });
      return { evidence: [`${fleet.name}: not remediated: ${messageOf(error)}`], records: [] };
    });
    evidence.push(...done.evidence);
    records.push(...done.records);
    if (done.retryableError !== undefined) throw new SignalProcessingError(`cost anomaly ${anomaly.anomalyId} on fleet ${fleet.name}: ${done.retryableError}`, true);
  }
  return { fleetIds: attribution.fleets.map((f) => f.fleetId), evidence: [...evidence, ...outside], records };
};

/**
 * Handles one delivery of an anomaly. The first opens its incident; a re-send with a bigger total impact attributes
 * and decides again on fresh state and updates the incident and its Slack message in place; a re-send at the same or
 * a smaller impact (or a duplicate delivery) does nothing. Deliveries are claimed per anomaly and impact, so two at once
 * act once. A failure a retry may fix releases the claim and throws retryable (Lambda retries the event).
 */
export const handleCostAnomaly = async (deps: CostAnomalyDeps, anomaly: CostAnomaly): Promise<CostAnomalyOutcome> => {
  const names = (ids: string[]): string[] => ids.map((id) => deps.config.fleets.find((f) => f.fleetId === id)?.name ?? id);
  const stored = await deps.costs.getCostIncident(anomaly.anomalyId);
  if (stored !== undefined && anomaly.impact.totalImpactUsd <= stored.impactUsd) {
    await retryUnsent(deps, stored);
    return { anomalyId: anomaly.anomalyId, status: 'duplicate', fleets: names(stored.fleetIds), remediations: [] };
  }
  const key = claimKey(anomaly);
  const claim = await deps.ledger.claim(key, deps.clock.nowMs(), CLAIM_LEASE_MS, CLAIM_TTL_SECONDS);
  if (claim !== 'acquired') return { anomalyId: anomaly.anomalyId, status: claim === 'completed' ? 'duplicate' : 'in-progress', fleets: names(stored?.fleetIds ?? []), remediations: [] };
  try {
    const found = await attributedFleets(deps, anomaly);
    const nowMs = deps.clock.nowMs();
    const incident: CostIncident = {
      anomalyId: anomaly.anomalyId,
      version: (stored?.version ?? 0) + 1,
      anomaly,
      fleetIds: [...new Set([...(stored?.fleetIds ?? []), ...found.fleetIds])],
      openedAtMs: stored?.openedAtMs ?? nowMs,
      updatedAtMs: nowMs,
      impactUsd: anomaly.impact.totalImpactUsd,
      status: 'open',
      remediations: [...(stored?.remediations ?? []), ...found.records],
      evidence: found.evidence,
      ...(stored?.chat === undefined ? {} : { chat: stored.chat }),
    };
    await deps.costs.saveCostIncident(await notifyCostIncident(deps, incident));
    await deps.ledger.completeClaim(key, deps.clock.nowMs());
    const outcome: CostAnomalyOutcome = { anomalyId: anomaly.anomalyId, status: stored === undefined ? 'opened' : 'updated', fleets: names(incident.fleetIds), remediations: found.records };
    deps.logger.info('cost anomaly handled', { ...outcome, via: anomaly.via, impactUsd: incident.impactUsd, remediations: found.records.map((r) => `${r.kind}:${r.outcome}`) });
    return outcome;
  } catch (error) {
    await deps.ledger.releaseClaim(key).catch(() => undefined);
    if (error instanceof CostLedgerConflictError) throw new SignalProcessingError(`cost anomaly ${anomaly.anomalyId}: ${error.message}`, true, { cause: error });
    throw error;
  }
};
