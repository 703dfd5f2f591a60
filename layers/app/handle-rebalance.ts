/** The rebalancer use case: every fleet on a scheduled run, one replacement on its step; claimed per event and fleet. */
import type { RebalanceTrigger } from '../core/rebalancer/rebalance-trigger';
import { advanceReplacement } from './advance-replacement';
import type { RebalanceOutcome } from './rebalance-outcome';
import { isRetryable, messageOf, SignalProcessingError } from './errors';
import type { RebalanceDeps } from './rebalance-deps';
import { runFleetRebalance } from './run-fleet-rebalance';

export interface RebalanceResult {
  trigger: RebalanceTrigger['kind'];
  outcomes: RebalanceOutcome[];
}

/** Claims outlive Lambda's retries of an asynchronous invocation (up to 6 hours). */
const CLAIM_TTL_SECONDS = 24 * 3600;
/** A claim's lease: longer than one fleet's work (a few EC2 calls, the fleet lock's waits). */
const CLAIM_LEASE_MS = 120_000;

const claimed = async (deps: RebalanceDeps, fleet: string, key: string, work: () => Promise<RebalanceOutcome>): Promise<RebalanceOutcome> => {
  const claim = await deps.ledger.claim(key, deps.clock.nowMs(), CLAIM_LEASE_MS, CLAIM_TTL_SECONDS);
  if (claim !== 'acquired') return { fleet, status: claim === 'completed' ? 'duplicate' : 'in-progress', reason: `run already ${claim}` };
  try {
    const outcome = await work();
    await deps.ledger.completeClaim(key, deps.clock.nowMs());
    return outcome;
  } catch (error) {
    await deps.ledger.releaseClaim(key).catch(() => undefined);
    throw error;
  }
};

/**
 * Runs what the trigger asks. Each job is claimed on (event id, fleet), so a retried or duplicated event redoes only
 * the fleets that failed; one fleet's failure never stops the others. Throws after all jobs ran when a failure may
 * succeed on retry (Lambda retries the event), or when every failure is permanent (the on-failure destination keeps
 * the event and the error). A step for a fleet no longer in the fleets file is acknowledged with its reason.
 */
export const handleRebalance = async (deps: RebalanceDeps, trigger: RebalanceTrigger): Promise<RebalanceResult> => {
  if (trigger.kind === 'ignored') {
    deps.logger.debug('event is not a rebalancer trigger: acknowledged', { reason: trigger.reason });
    return { trigger: trigger.kind, outcomes: [] };
  }
  const outcomes: RebalanceOutcome[] = [];
  const jobs: { fleet: string; key: string; work: () => Promise<RebalanceOutcome> }[] = [];
  if (trigger.kind === 'replacement-step') {
    const { detail } = trigger;
    const fleet = deps.config.fleets.find((f) => f.fleetId === detail.fleetId);
    if (!fleet) outcomes.push({ fleet: detail.fleetId, status: 'stale', reason: `fleet ${detail.fleetId} is not in the fleets file` });
    else jobs.push({ fleet: fleet.name, key: `rebalance-step#${trigger.eventId}`, work: () => advanceReplacement(deps, fleet, { moveId: detail.moveId, check: detail.check }) });
  } else {
    for (const fleet of deps.config.fleets) jobs.push({ fleet: fleet.name, key: `rebalance-run#${trigger.eventId}#${fleet.fleetId}`, work: () => runFleetRebalance(deps, fleet) });
  }
  const errors: unknown[] = [];
  for (const job of jobs) {
    try {
      outcomes.push(await claimed(deps, job.fleet, job.key, job.work));
    } catch (error) {
      errors.push(error);
      deps.logger.error('rebalancer job failed', { fleet: job.fleet, error: messageOf(error) });
      outcomes.push({ fleet: job.fleet, status: 'failed', reason: messageOf(error) });
    }
  }
  for (const o of outcomes) deps.logger.info('rebalancer outcome', { trigger: trigger.kind, ...o });
  if (errors.length > 0) {
    throw new SignalProcessingError(`${errors.length} of ${jobs.length} rebalancer jobs failed: ${errors.map(messageOf).join(' | ')}`, errors.some(isRetryable), { cause: errors[0] });
  }
  return { trigger: trigger.kind, outcomes };
};
