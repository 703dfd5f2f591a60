/** The spot-interruption use case: resolve, claim, load, decide, guard, execute, record, notify. */
import { applyOutcomes } from '../core/apply-outcomes';
import { decideSpot } from '../core/decide-spot';
import { cooldownScope, guardPlan } from '../core/guard';
import type { Signal } from '../core/signals';
import { perInstance } from '../core/signals';
import { isRetryable, messageOf, SignalProcessingError } from './errors';
import { executePlan } from './execute-plan';
import { loadSpotContext } from './load-spot-context';
import { notifyIncident } from './notify-incident';
import type { ManagedInstance } from './resolve-instances';
import { resolveManaged } from './resolve-instances';
import type { SpotDeps } from './spot-deps';
import { withFleetLock } from './with-fleet-lock';

export interface InstanceOutcome {
  instanceId: string;
  result: 'handled' | 'duplicate' | 'in-progress' | 'ignored' | 'failed';
  incidentId?: string;
  actions?: { type: string; status: string }[];
  reason: string;
}

export interface SpotResult {
  signal: Signal['kind'];
  outcomes: InstanceOutcome[];
}

const handleOne = async (deps: SpotDeps, item: ManagedInstance): Promise<InstanceOutcome & { retry: boolean }> => {
  const { signal, instance, fleet } = item;
  const claimKey = `event#${signal.eventId}#${signal.instanceId}`;
  const claim = await deps.ledger.claim(claimKey, deps.clock.nowMs(), deps.config.claimLeaseMs, deps.config.claimTtlSeconds);
  if (claim !== 'acquired') {
    return { retry: false, instanceId: instance.instanceId, result: claim === 'completed' ? 'duplicate' : 'in-progress', reason: `event already ${claim}` };
  }
  try {
    const outcome = await withFleetLock(deps, fleet.fleetId, async () => {
      const ctx = await loadSpotContext(deps, fleet, instance);
      const decision = decideSpot(signal, ctx);
      deps.logger.info('spot decision', {
        fleetId: fleet.fleetId, instanceId: instance.instanceId, signal: signal.kind, changed: decision.changed,
        plan: decision.actions.map((a) => a.type), reasons: decision.reasons,
      });
      if (!decision.changed || !decision.incident) {
        return { retry: false, instanceId: instance.instanceId, result: 'duplicate' as const, reason: decision.reasons.join('; ') };
      }
      await Promise.all(decision.atRiskPools.map((p) => deps.ledger.markPoolAtRisk(p)));
      if (decision.interruption) {
        await deps.ledger.recordInterruption(decision.interruption.poolKey, instance.instanceId, decision.interruption.atMs);
      }
      const cooldownUntilMs: Record<string, number> = {};
      for (const scope of new Set(decision.actions.map(cooldownScope).filter((s): s is string => s !== undefined))) {
        const until = await deps.ledger.getCooldownUntil(scope);
        if (until !== undefined) cooldownUntilMs[scope] = until;
      }
      const guarded = guardPlan(decision.actions, {
        nowMs: ctx.nowMs, killSwitchEngaged: await deps.settings.killSwitchEngaged(), globalDryRun: deps.config.globalDryRun,
        fleetDryRun: fleet.dryRun, maxSurgeUnitsPerEvent: deps.config.maxSurgeUnitsPerEvent,
        fleetMaxUnits: fleet.maxCapacityUnits, fleetMinUnits: fleet.minCapacityUnits, cooldownUntilMs,
      });
      const outcomes = await executePlan(deps, decision.incident, guarded);
      let incident = applyOutcomes(decision.incident, outcomes);
      incident.dryRun = fleet.dryRun || deps.config.globalDryRun;
      incident.version += 1;
      await deps.ledger.saveIncident(incident);
      incident = await notifyIncident(deps, incident, fleet.slackChannel);
      incident.version += 1;
      await deps.ledger.saveIncident(incident);
      const failed = outcomes.filter((o) => o.status === 'failed');
      return {
        // A failed action that may succeed later makes Lambda retry the event (the decision retries only it).
        retry: failed.some((f) => f.retryable === true),
        instanceId: instance.instanceId,
        result: failed.length > 0 ? ('failed' as const) : ('handled' as const),
        incidentId: incident.incidentId,
        actions: outcomes.map((o) => ({ type: o.action.type, status: o.status })),
        reason: failed.length > 0 ? failed.map((f) => `${f.action.type}: ${f.error ?? ''}`).join('; ') : decision.reasons.join('; '),
      };
    });
    if (outcome.retry) {
      throw new SignalProcessingError(`handling ${signal.kind} for ${instance.instanceId}: ${outcome.reason}`, true);
    }
    await deps.ledger.completeClaim(claimKey, deps.clock.nowMs());
    return outcome;
  } catch (error) {
    // Let a retry of this event take the claim at once instead of waiting for the lease to expire.
    await deps.ledger.releaseClaim(claimKey).catch(() => undefined);
    throw new SignalProcessingError(`handling ${signal.kind} for ${instance.instanceId}: ${messageOf(error)}`, isRetryable(error), { cause: error });
  }
};

/**
 * Handle one parsed signal. Instances of no managed fleet are acknowledged and logged at debug level.
 * Throws only when something must be retried (the caller lets Lambda retry the event).
 */
export const handleSpotSignal = async (deps: SpotDeps, signal: Signal): Promise<SpotResult> => {
  const signals = perInstance(signal);
  if (signals.length === 0) {
    deps.logger.debug('signal needs no action', { kind: signal.kind, eventId: signal.eventId });
    return { signal: signal.kind, outcomes: [] };
  }
  const { managed, ignored } = await resolveManaged(deps, signals);
  for (const i of ignored) deps.logger.debug('instance of no managed fleet: acknowledged', i);
  const outcomes: InstanceOutcome[] = ignored.map((i) => ({ instanceId: i.instanceId, result: 'ignored', reason: i.reason }));
  const errors: unknown[] = [];
  for (const item of managed) {
    try {
      outcomes.push(await handleOne(deps, item));
    } catch (error) {
      errors.push(error);
      outcomes.push({ instanceId: item.instance.instanceId, result: 'failed', reason: messageOf(error) });
    }
  }
  if (errors.length > 0) {
    throw new SignalProcessingError(`${errors.length} of ${managed.length} instances failed: ${errors.map(messageOf).join(' | ')}`, true, { cause: errors[0] });
  }
  return { signal: signal.kind, outcomes };
};
