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
/**
 * Shorter than the function's timeout (120 s, serverless.yml costAnomaly): an attempt that timed out has let go of its
 * claim by the time Lambda retries the event (about a minute later), so the retry acts instead of finding it held.
 */
export const COST_CLAIM_LEASE_MS = 90_000;

const claimKey = (anomaly: CostAnomaly): string => `cost-anomaly#${anomaly.anomalyId}#${anomaly.impact.totalImpactUsd}`;

/**
 * The stored incident told again when its last message did not get through (a redelivery is the next chance), under
 * a claim per stored version: two duplicate deliveries at once post the kept message once.
 */
const retryUnsent = async (deps: CostAnomalyDeps, stored: CostIncident): Promise<void> => {
  if (stored.unsent === undefined || stored.unsent.length === 0) return;
  const key = `cost-notify#${stored.anomalyId}#${stored.version}`;
  if ((await deps.ledger.claim(key, deps.clock.nowMs(), COST_CLAIM_LEASE_MS, CLAIM_TTL_SECONDS)) !== 'acquired') return;
  try {
    const told = await notifyCostIncident(deps, stored);
    await deps.costs.saveCostIncident({ ...told, version: stored.version + 1 }).catch((error: unknown) => {
      if (!(error instanceof CostLedgerConflictError)) throw error;
    });
    await deps.ledger.completeClaim(key, deps.clock.nowMs());
  } catch (error) {
    await deps.ledger.releaseClaim(key).catch(() => undefined);
    throw error;
  }
};

interface Attributed {
  fleetIds: string[];
  evidence: string[];
  records: CostRemediationRecord[];
  /** A failure a retry may fix: the fleets after it were not remediated. */
  retry?: unknown;
}

const attributedFleets = async (deps: CostAnomalyDeps, anomaly: CostAnomaly): Promise<Attributed> => {
  const { fleets, region, accountId } = deps.config;
  const attribution = attributeAnomaly(anomaly, { fleets, region, accountId: accountId ?? anomaly.accountId });
  const outside = attribution.outside.map((o) => `outside the managed fleets: ${o.why}`);
  const evidence: string[] = [];
  const records: CostRemediationRecord[] = [];
  const fleetIds = attribution.fleets.map((f) => f.fleetId);
  for (const found of attribution.fleets) {
    const fleet = fleets.find((f) => f.fleetId === found.fleetId);
    if (fleet === undefined) continue;
    let done: FleetRemediation;
    try {
      done = await remediateCostFleet(deps, fleet, found, anomaly, anomaly.anomalyId);
    } catch (error) {
      if (isRetryable(error)) return { fleetIds, evidence, records, retry: error };
      // A fleet that cannot be read for good (its EC2 Fleet deleted) must not keep the others' incident from being told.
      deps.logger.error('cost anomaly: fleet skipped', { fleet: fleet.name, anomalyId: anomaly.anomalyId, error: messageOf(error) });
      done = { evidence: [`${fleet.name}: not remediated: ${messageOf(error)}`], records: [] };
    }
    evidence.push(...done.evidence);
    records.push(...done.records);
    if (done.retryableError !== undefined) {
      return { fleetIds, evidence, records, retry: new SignalProcessingError(`cost anomaly ${anomaly.anomalyId} on fleet ${fleet.name}: ${done.retryableError}`, true) };
    }
  }
  return { fleetIds, evidence: [...evidence, ...outside], records };
};

const incidentOf = (deps: CostAnomalyDeps, anomaly: CostAnomaly, stored: CostIncident | undefined, found: Attributed): CostIncident => {
  const nowMs = deps.clock.nowMs();
  return {
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
};

/**
 * Handles one delivery of an anomaly. The first opens its incident; a re-send with a bigger total impact attributes
 * and decides again on fresh state and updates the incident and its Slack message in place; a re-send at the same or
 * a smaller impact (or a duplicate delivery) does nothing. Deliveries are claimed per anomaly and impact, so two at once
 * act once; an alert finding its claim held throws retryable (the holder may fail), a spend check's anomaly does not
 * (the next scheduled run raises it again). A failure a retry may fix saves what already ran (the incident marked
 * `incomplete`, not told yet), releases the claim and throws retryable (Lambda retries the event).
 */
export const handleCostAnomaly = async (deps: CostAnomalyDeps, anomaly: CostAnomaly): Promise<CostAnomalyOutcome> => {
  const names = (ids: string[]): string[] => ids.map((id) => deps.config.fleets.find((f) => f.fleetId === id)?.name ?? id);
  const stored = await deps.costs.getCostIncident(anomaly.anomalyId);
  if (stored !== undefined && stored.incomplete !== true && anomaly.impact.totalImpactUsd <= stored.impactUsd) {
    await retryUnsent(deps, stored);
    return { anomalyId: anomaly.anomalyId, status: 'duplicate', fleets: names(stored.fleetIds), remediations: [] };
  }
  const key = claimKey(anomaly);
  const claim = await deps.ledger.claim(key, deps.clock.nowMs(), COST_CLAIM_LEASE_MS, CLAIM_TTL_SECONDS);
  if (claim === 'in-progress' && anomaly.via !== 'spend-rate') throw new SignalProcessingError(`cost anomaly ${anomaly.anomalyId}: another delivery is handling it`, true);
  if (claim !== 'acquired') return { anomalyId: anomaly.anomalyId, status: claim === 'completed' ? 'duplicate' : 'in-progress', fleets: names(stored?.fleetIds ?? []), remediations: [] };
  try {
    const found = await attributedFleets(deps, anomaly);
    const incident = incidentOf(deps, anomaly, stored, found);
    if (found.retry !== undefined) {
      if (found.records.length > 0) await deps.costs.saveCostIncident({ ...incident, incomplete: true });
      throw found.retry;
    }
    await deps.costs.saveCostIncident(await notifyCostIncident(deps, incident));
    await deps.ledger.completeClaim(key, deps.clock.nowMs());
    const opened = stored === undefined || (stored.incomplete === true && stored.chat === undefined);
    const outcome: CostAnomalyOutcome = { anomalyId: anomaly.anomalyId, status: opened ? 'opened' : 'updated', fleets: names(incident.fleetIds), remediations: found.records };
    deps.logger.info('cost anomaly handled', { ...outcome, via: anomaly.via, impactUsd: incident.impactUsd, remediations: found.records.map((r) => `${r.kind}:${r.outcome}`) });
    return outcome;
  } catch (error) {
    await deps.ledger.releaseClaim(key).catch(() => undefined);
    if (error instanceof CostLedgerConflictError) throw new SignalProcessingError(`cost anomaly ${anomaly.anomalyId}: ${error.message}`, true, { cause: error });
    throw error;
  }
};
