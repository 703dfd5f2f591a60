/** Post the rises that fall between two runs on time: one EventBridge Scheduler one-time schedule per step. */
import type { FleetConfig } from '../core/fleet';
import type { ScheduledStep } from '../core/forecast/capacity-plan-types';
import { messageOf } from './errors';
import type { ForecastDeps } from './forecast-deps';

/** A schedule must lie in the future when it is created: steps due sooner are left to the capacity set now. */
const MIN_LEAD_MS = 60_000;

/** `fs-<fleet id>-<UTC yyyymmddThhmmss>`: one name per fleet and step, so two runs planning the same step make one schedule. */
export const stepScheduleName = (fleetId: string, effectiveAtMs: number): string =>
  `fs-${fleetId}-${new Date(effectiveAtMs).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/**
 * Schedules each step; returns how many were scheduled. A step that cannot be scheduled is logged and left to the
 * next run, which plans it again (the capacity set now already covers the lead time; only the rise comes later).
 */
export const scheduleSteps = async (deps: ForecastDeps, fleet: FleetConfig, runId: string, steps: readonly ScheduledStep[]): Promise<number> => {
  let scheduled = 0;
  for (const step of steps) {
    if (step.atMs < deps.clock.nowMs() + MIN_LEAD_MS) continue;
    try {
      await deps.steps.scheduleStep({
        name: stepScheduleName(fleet.fleetId, step.effectiveAtMs),
        atMs: step.atMs,
        detail: { fleetId: fleet.fleetId, targetUnits: step.units, effectiveAtMs: step.effectiveAtMs, runId },
      });
      scheduled += 1;
    } catch (error) {
      deps.logger.warn('forecast step not scheduled: the next run plans it again', { fleet: fleet.name, atMs: step.atMs, error: messageOf(error) });
    }
  }
  return scheduled;
};
