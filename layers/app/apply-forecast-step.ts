/** A planned rise posted on time by its one-time schedule: scale out to it unless the fleet already has it. */
import { applyCapacityChange } from './apply-capacity-change';
import type { FleetRunOutcome } from './run-fleet-forecast';
import type { ForecastDeps } from './forecast-deps';
import { readFleetLoad } from './read-fleet-load';
import { withFleetLock } from './with-fleet-lock';

export interface ForecastStep {
  eventId: string;
  fleetId: string;
  targetUnits: number;
  effectiveAtMs: number;
  runId: string;
}

/**
 * A step only ever raises the target (a fall waits for the next run's guarded scale-in). A step for a fleet no
 * longer in the fleets file, or already met, is acknowledged with its reason.
 */
export const applyForecastStep = async (deps: ForecastDeps, step: ForecastStep): Promise<FleetRunOutcome> => {
  const fleet = deps.config.fleets.find((f) => f.fleetId === step.fleetId);
  const base = { model: 'none' as const, scheduledSteps: 0, decision: 'hold' as const };
  if (!fleet) return { ...base, fleet: step.fleetId, fromUnits: 0, toUnits: 0, status: 'held', reason: `fleet ${step.fleetId} is not in the fleets file` };
  return withFleetLock(deps, fleet.fleetId, async () => {
    const load = await readFleetLoad(deps, fleet, deps.clock.nowMs());
    const current = load.view.totalTargetCapacity;
    // TotalTargetCapacity is a whole number; the fleets file allows a fractional maximum.
    const target = Math.min(step.targetUnits, Math.floor(fleet.maxCapacityUnits));
    if (target <= current) {
      return { ...base, fleet: fleet.name, fromUnits: current, toUnits: current, status: 'held', reason: `target ${current} units already covers the step's ${step.targetUnits}` };
    }
    const reason = `forecast step of run ${step.runId}: ${target} units needed from ${new Date(step.effectiveAtMs).toISOString()}`;
    const outcome = await applyCapacityChange(deps, {
      fleet,
      purpose: 'scale-out',
      fromUnits: current,
      toUnits: target,
      onDemandUnits: load.view.onDemandTargetCapacity,
      idempotencyKey: `forecast-step#${step.eventId}`,
      reason,
      scaleIn: { maxUnitsPerHour: 0, unitsInLastHour: 0 },
    });
    return {
      ...base,
      decision: 'scale-out',
      fleet: fleet.name,
      fromUnits: current,
      toUnits: outcome.status === 'applied' ? outcome.toUnits : current,
      status: outcome.status === 'pending' || outcome.status === 'skipped' ? 'failed' : outcome.status,
      reason: [reason, outcome.guarded.note, outcome.error].filter((s) => s).join('; '),
      ...(outcome.status === 'failed' && outcome.retryable ? { retryableError: outcome.error ?? 'ModifyFleet failed' } : {}),
    };
  });
};
