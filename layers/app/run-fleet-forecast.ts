/** One fleet's forecast run: read the history, forecast, plan, act through the guard, publish, tell, remember. */
import type { FleetConfig } from '../core/fleet';
import { planCapacity } from '../core/forecast/capacity-plan';
import type { CapacityPlan } from '../core/forecast/capacity-plan-types';
import { forecastDemand } from '../core/forecast/forecast-demand';
import { driftRatio, predictionToKeep, scorePredictions } from '../core/forecast/forecast-drift';
import { forecastSettingsOf } from '../core/forecast/forecast-settings';
import { emptyForecastState, type ForecastState } from '../core/forecast/forecast-state';
import type { DemandSeries, Forecast } from '../core/forecast/forecast-types';
import { scaleInAllowance, scaleInsInHour } from '../core/forecast/scale-in-allowance';
import { applyCapacityChange, type CapacityChangeOutcome } from './apply-capacity-change';
import { messageOf } from './errors';
import type { ForecastDeps } from './forecast-deps';
import { deliverNotices, noticesOwed, presentShareOf } from './forecast-notices';
import { forecastMetrics } from './publish-forecast-metrics';
import { readFleetLoad } from './read-fleet-load';
import { scheduleSteps } from './schedule-forecast-steps';
import { withFleetLock } from './with-fleet-lock';

const HOUR_MS = 3_600_000;
/**
 * Weights are refitted this often; runs in between reuse them and only update the model's state (a fit is ~99% of
 * a run's CPU). Six hours, as AWS predictive scaling refreshes its forecast: the weights barely move in that time.
 */
const REFIT_MS = 6 * HOUR_MS;
/** The prediction scored for drift: one hour ahead, the horizon the capacity plan mostly rests on. */
const SCORED_AHEAD_SECONDS = 3_600;

export interface FleetRunOutcome {
  fleet: string;
  model: Forecast['model'];
  decision: CapacityPlan['decision'];
  fromUnits: number;
  toUnits: number;
  status: 'applied' | 'dry-run' | 'blocked' | 'failed' | 'held';
  reason: string;
  scheduledSteps: number;
  /** Set when the run failed in a way a retry may fix. */
  retryableError?: string;
}

const readHistory = async (deps: ForecastDeps, fleet: FleetConfig, nowMs: number, days: number): Promise<DemandSeries> => {
  const { stepSeconds } = deps.config;
  // The step in progress is partial (CloudWatch would report part of its sum): the history ends before it.
  const endMs = Math.floor(nowMs / (stepSeconds * 1000)) * stepSeconds * 1000;
  return deps.history.demandHistory({
    metric: forecastSettingsOf(fleet).metric,
    queueUrls: fleet.queueUrls,
    startMs: endMs - days * 86_400_000,
    endMs,
    periodSeconds: stepSeconds,
  });
};

const summarize = (fleet: FleetConfig, forecast: Forecast, plan: CapacityPlan, outcome: CapacityChangeOutcome | undefined, steps: number): FleetRunOutcome => ({
  fleet: fleet.name,
  model: forecast.model,
  decision: plan.decision,
  fromUnits: plan.fromUnits,
  toUnits: outcome?.status === 'applied' ? outcome.toUnits : plan.fromUnits,
  status: outcome === undefined ? 'held' : outcome.status === 'pending' || outcome.status === 'skipped' ? 'failed' : outcome.status,
  // plan.reason already lists the hold reasons.
  reason: [plan.reason, outcome?.guarded.note, outcome?.error].filter((s) => s).join('; '),
  scheduledSteps: steps,
  ...(outcome?.status === 'failed' && outcome.retryable ? { retryableError: outcome.error ?? 'ModifyFleet failed' } : {}),
});

/**
 * Runs one fleet. Reading and forecasting happen outside the fleet lock (they take the longest); the fleet's target
 * is read again and changed under it, so a Spot surge landing meanwhile is never overwritten with a stale value.
 * Port failures propagate (the caller records them per fleet and lets Lambda retry when they are retryable).
 */
export const runFleetForecast = async (deps: ForecastDeps, fleet: FleetConfig, runId: string): Promise<FleetRunOutcome> => {
  const settings = forecastSettingsOf(fleet);
  const nowMs = deps.clock.nowMs();
  const history = await readHistory(deps, fleet, nowMs, settings.historyDays);
  const horizonSteps = Math.ceil((settings.horizonHours * 3600) / deps.config.stepSeconds);
  const stored = (await deps.ledger.getForecastState(fleet.fleetId)) ?? emptyForecastState(fleet.fleetId);
  const reuse = stored.fitted !== undefined && nowMs - stored.fitted.atMs < REFIT_MS && nowMs >= stored.fitted.atMs;
  const forecast = forecastDemand(history, { horizonSteps, ...(reuse && stored.fitted ? { fit: stored.fitted.weights } : {}) });
  const sameFit = reuse && stored.fitted !== undefined && forecast.fit?.model === stored.fitted.weights.model;
  const fitted = forecast.fit === undefined ? undefined : sameFit && stored.fitted ? stored.fitted : { weights: forecast.fit, atMs: nowMs };
  const scoredState = scorePredictions(stored, history);
  const drift = driftRatio(scoredState.scored, settings.driftWindowRuns);

  return withFleetLock(deps, fleet.fleetId, async () => {
    const load = await readFleetLoad(deps, fleet, nowMs);
    const openIncidentIds = await deps.ledger.listOpenIncidentIds(fleet.fleetId, nowMs);
    const scaleIns = scaleInsInHour(stored.scaleIns, nowMs);
    const plan = planCapacity({
      nowMs,
      fleet,
      settings,
      forecast,
      observedQps: load.observedQps,
      backlog: load.backlog,
      currentTargetUnits: load.view.totalTargetCapacity,
      openIncidentIds,
      scaleInsLastHour: scaleIns,
      runIntervalSeconds: deps.config.runIntervalSeconds,
    });
    let outcome: CapacityChangeOutcome | undefined;
    if (plan.decision !== 'hold') {
      outcome = await applyCapacityChange(deps, {
        fleet,
        purpose: plan.decision,
        fromUnits: plan.fromUnits,
        toUnits: plan.toUnits,
        onDemandUnits: load.view.onDemandTargetCapacity,
        idempotencyKey: `forecast#${fleet.fleetId}#${runId}`,
        reason: plan.reason,
        scaleIn: scaleInAllowance(nowMs, plan.fromUnits, settings.maxScaleInFractionPerHour, scaleIns),
      });
    }
    const scheduled = await scheduleSteps(deps, fleet, runId, plan.scheduledSteps);
    const appliedScaleIn = outcome?.status === 'applied' && plan.decision === 'scale-in' ? [{ atMs: nowMs, units: plan.fromUnits - outcome.toUnits }] : [];
    const kept = predictionToKeep(forecast, history, Math.ceil(SCORED_AHEAD_SECONDS / deps.config.stepSeconds));
    let state: ForecastState = {
      ...stored,
      version: stored.version + 1,
      lastRunAtMs: nowMs,
      lastLeadUnits: plan.leadUnits,
      ...(fitted ? { fitted } : {}),
      // One prediction per step: a retried run, or runs more frequent than the step, predict the same step again.
      pending: kept ? [...scoredState.pending.filter((p) => p.atMs !== kept.atMs), kept] : scoredState.pending,
      scored: scoredState.scored,
      scaleIns: [...scaleIns, ...appliedScaleIn],
    };
    const change = outcome ? Math.abs(outcome.guarded.effective.type === 'modify-fleet-capacity' ? outcome.guarded.effective.toTotal - plan.fromUnits : 0) : 0;
    const large = outcome !== undefined && outcome.status !== 'failed' && change >= settings.largeActionFraction * Math.max(1, plan.fromUnits);
    const owed = noticesOwed(state, {
      fleet,
      settings,
      nowMs,
      forecast,
      presentShare: presentShareOf(history),
      drift,
      ...(large && outcome
        ? { largeAction: { fromUnits: plan.fromUnits, toUnits: plan.fromUnits + Math.sign(plan.toUnits - plan.fromUnits) * change, verdict: outcome.guarded.verdict, reason: plan.reason } }
        : {}),
    });
    state = await deliverNotices(deps, fleet, owed.state, owed.notices);
    await deps.ledger.saveForecastState(state);
    const targetUnits = outcome?.status === 'applied' ? outcome.toUnits : load.view.totalTargetCapacity;
    try {
      await deps.publisher.publish(forecastMetrics({ fleet, nowMs, plan, targetUnits, observedQps: load.observedQps, driftRatio: drift }));
    } catch (error) {
      // Metrics are for the dashboard: losing one run's points must not undo or repeat a capacity change.
      deps.logger.warn('forecast metrics not published', { fleet: fleet.name, error: messageOf(error) });
    }
    deps.logger.info('forecast run', { fleet: fleet.name, model: forecast.model, decision: plan.decision, from: plan.fromUnits, to: targetUnits, status: outcome?.status ?? 'held' });
    return summarize(fleet, forecast, plan, outcome, scheduled);
  });
};
