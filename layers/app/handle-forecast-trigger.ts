/** The forecast-scaler use case: every fleet on a scheduled run, one fleet on a forecast step; claimed per event. */
import type { ForecastTrigger } from '../core/forecast/forecast-trigger';
import { isRetryable, messageOf, SignalProcessingError } from './errors';
import type { ForecastDeps } from './forecast-deps';
import { applyForecastStep } from './apply-forecast-step';
import { runFleetForecast, type FleetRunOutcome } from './run-fleet-forecast';
import { forecastSettingsOf } from '../core/forecast/forecast-settings';
import type { FleetConfig } from '../core/fleet';

export interface ForecastResult {
  trigger: ForecastTrigger['kind'];
  outcomes: (FleetRunOutcome | { fleet: string; status: 'duplicate' | 'in-progress' | 'failed' | 'disabled'; reason: string })[];
}

/** Claims outlive Lambda's retries of an asynchronous invocation (up to 6 hours). */
const CLAIM_TTL_SECONDS = 24 * 3600;

const claimed = async (deps: ForecastDeps, key: string, work: () => Promise<FleetRunOutcome>): Promise<ForecastResult['outcomes'][number]> => {
  const claim = await deps.ledger.claim(key, deps.clock.nowMs(), deps.config.lockLeaseMs * 4, CLAIM_TTL_SECONDS);
  if (claim !== 'acquired') return { fleet: key, status: claim === 'completed' ? 'duplicate' : 'in-progress', reason: `run already ${claim}` };
  try {
    const outcome = await work();
    if (outcome.retryableError !== undefined) throw new SignalProcessingError(outcome.retryableError, true);
    await deps.ledger.completeClaim(key, deps.clock.nowMs());
    return outcome;
  } catch (error) {
    await deps.ledger.releaseClaim(key).catch(() => undefined);
    throw error;
  }
};

const enabled = (fleet: FleetConfig): boolean => forecastSettingsOf(fleet).enabled;

/**
 * Runs what the trigger asks. Each fleet is claimed on (event id, fleet), so a retried or duplicated event redoes
 * only the fleets that failed; one fleet's failure never stops the others. Throws after all fleets ran when a
 * failure may succeed on retry (Lambda retries the event), or when every failure is permanent (the on-failure
 * destination keeps the event and the error).
 */
export const handleForecastTrigger = async (deps: ForecastDeps, trigger: ForecastTrigger): Promise<ForecastResult> => {
  if (trigger.kind === 'ignored') {
    deps.logger.debug('event is not a forecast trigger: acknowledged', { reason: trigger.reason });
    return { trigger: trigger.kind, outcomes: [] };
  }
  const jobs: { fleet: string; key: string; work: () => Promise<FleetRunOutcome> }[] =
    trigger.kind === 'forecast-step'
      ? [{ fleet: trigger.fleetId, key: `forecast-step#${trigger.eventId}`, work: () => applyForecastStep(deps, trigger) }]
      : deps.config.fleets.filter(enabled).map((fleet) => ({
          fleet: fleet.name,
          key: `forecast-run#${trigger.eventId}#${fleet.fleetId}`,
          work: () => runFleetForecast(deps, fleet, trigger.eventId),
        }));
  const outcomes: ForecastResult['outcomes'] = deps.config.fleets
    .filter((f) => trigger.kind === 'scheduled-run' && !enabled(f))
    .map((f) => ({ fleet: f.name, status: 'disabled' as const, reason: 'forecast.enabled is false in the fleets file' }));
  const errors: unknown[] = [];
  for (const job of jobs) {
    try {
      outcomes.push(await claimed(deps, job.key, job.work));
    } catch (error) {
      errors.push(error);
      deps.logger.error('forecast run failed', { fleet: job.fleet, error: messageOf(error) });
      outcomes.push({ fleet: job.fleet, status: 'failed', reason: messageOf(error) });
    }
  }
  if (errors.length > 0) {
    throw new SignalProcessingError(`${errors.length} of ${jobs.length} forecast jobs failed: ${errors.map(messageOf).join(' | ')}`, errors.some(isRetryable), { cause: errors[0] });
  }
  return { trigger: trigger.kind, outcomes };
};
