/** Under the fleet lock: load, decide, guard, execute and record one signal about one instance. */
import { applyOutcomes, type ActionOutcome } from '../core/apply-outcomes';
import { decideSpot } from '../core/decide-spot';
import { poolKey } from '../core/fleet';
import { cooldownScope, guardPlan } from '../core/guard';
import type { Incident } from '../core/incident';
import type { SpotDecision } from '../core/spot-context';
import { messageOf } from './errors';
import { executePlan, recoverLandedSurge } from './execute-plan';
import { loadSpotContext } from './load-spot-context';
import type { ManagedInstance } from './resolve-instances';
import type { SpotDeps } from './spot-deps';

/** What one event may still add to a fleet, shared by the instances a Health event names. */
export interface SurgeBudget {
  remainingUnits: number;
}

export interface Acted {
  decision: SpotDecision;
  /** The incident as saved after the actions (undefined when the signal changed nothing). */
  incident: Incident | undefined;
  outcomes: ActionOutcome[];
}

const cooldowns = async (deps: SpotDeps, decision: SpotDecision): Promise<Record<string, number>> => {
  const until: Record<string, number> = {};
  for (const scope of new Set(decision.actions.map(cooldownScope).filter((s): s is string => s !== undefined))) {
    const ms = await deps.ledger.getCooldownUntil(scope);
    if (ms !== undefined) until[scope] = ms;
  }
  return until;
};

const surgedUnits = (outcomes: ActionOutcome[]): number =>
  outcomes.reduce((sum, o) => {
    const a = o.effective ?? o.action;
    const counts = o.status === 'applied' || o.status === 'dry-run';
    return a.type === 'modify-fleet-capacity' && a.purpose === 'surge' && counts ? sum + (a.toTotal - a.fromTotal) : sum;
  }, 0);

export const actOnSignal = async (deps: SpotDeps, item: ManagedInstance, budget: SurgeBudget): Promise<Acted> => {
  const { signal, instance, fleet } = item;
  const ctx = await loadSpotContext(deps, fleet, instance);
  const decision = decideSpot(signal, ctx);
  deps.logger.info('spot decision', {
    fleetId: fleet.fleetId, instanceId: instance.instanceId, signal: signal.kind, changed: decision.changed,
    plan: decision.actions.map((a) => a.type), reasons: decision.reasons,
  });
  if (!decision.changed || !decision.incident) return { decision, incident: ctx.incident, outcomes: [] };
  await Promise.all(decision.atRiskPools.map((p) => deps.ledger.markPoolAtRisk(p)));
  if (decision.interruption) {
    await deps.ledger.recordInterruption(decision.interruption.poolKey, instance.instanceId, decision.interruption.atMs);
  }
  const guarded = guardPlan(decision.actions, {
    nowMs: ctx.nowMs,
    killSwitchEngaged: await deps.settings.killSwitchEngaged(),
    globalDryRun: deps.config.globalDryRun,
    fleetDryRun: fleet.dryRun,
    maxSurgeUnitsPerEvent: budget.remainingUnits,
    fleetMaxUnits: fleet.maxCapacityUnits,
    fleetMinUnits: fleet.minCapacityUnits,
    cooldownUntilMs: await cooldowns(deps, decision),
  });
  const outcomes = await executePlan(deps, decision.incident, guarded);
  decision.incident = await recoverLandedSurge(deps, decision.incident);
  budget.remainingUnits = Math.max(0, budget.remainingUnits - surgedUnits(outcomes));
  const incident = { ...applyOutcomes(decision.incident, outcomes), dryRun: fleet.dryRun || deps.config.globalDryRun };
  incident.version += 1;
  await deps.ledger.saveIncident(incident);
  if (ctx.incident === undefined) await requestRebalance(deps, incident, decision.reasons);
  return { decision, incident, outcomes };
};

/**
 * A new interruption incident asks the rebalancer to plan the fleet at its next run (it holds while the incident is
 * open, then plans: the pool may be one to leave). The request is advice: its failure is logged, never fails the
 * handling of the interruption itself.
 */
const requestRebalance = async (deps: SpotDeps, incident: Incident, reasons: string[]): Promise<void> => {
  const detail = `${incident.signals.at(-1)?.kind ?? 'interruption'} on ${incident.instanceId} (${poolKey(incident.pool)}): ${reasons.join('; ')}`;
  try {
    await deps.ledger.requestRebalance({ fleetId: incident.fleetId, reason: 'interruption', detail, requestedAtMs: deps.clock.nowMs(), eventId: incident.signals.at(-1)?.eventId ?? incident.incidentId });
  } catch (error) {
    deps.logger.error('requesting a rebalance for the interruption failed', { incidentId: incident.incidentId, error: messageOf(error) });
  }
};
