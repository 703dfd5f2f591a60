/** The spot-interruption use case: resolve, claim, act under the fleet lock, tell on-call, complete. */
import type { Signal } from '../core/signals';
import { perInstance } from '../core/signals';
import { actOnSignal, type SurgeBudget } from './act-on-signal';
import { isRetryable, messageOf, SignalProcessingError } from './errors';
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

/** A retryable failure (an action, or Slack) is thrown after everything is recorded: Lambda retries only it. */
const handleOne = async (deps: SpotDeps, item: ManagedInstance, budget: SurgeBudget): Promise<InstanceOutcome> => {
  const { signal, instance, fleet } = item;
  const claimKey = `event#${signal.eventId}#${signal.instanceId}`;
  const claim = await deps.ledger.claim(claimKey, deps.clock.nowMs(), deps.config.claimLeaseMs, deps.config.claimTtlSeconds);
  if (claim !== 'acquired') {
    return { instanceId: instance.instanceId, result: claim === 'completed' ? 'duplicate' : 'in-progress', reason: `event already ${claim}` };
  }
  try {
    const outcome = await withFleetLock(deps, fleet.fleetId, async () => {
      const acted = await actOnSignal(deps, item, budget);
      let incident = acted.incident;
      // Tell on-call when something changed, and again when the last message could not be delivered.
      if (incident && (acted.decision.changed || incident.notification?.lastError !== undefined)) {
        incident = await notifyIncident(deps, incident, fleet.slackChannel);
        incident.version += 1;
        await deps.ledger.saveIncident(incident);
      }
      const failed = acted.outcomes.filter((o) => o.status === 'failed');
      const slackRetry = incident?.notification?.lastError !== undefined && incident.notification.lastErrorRetryable === true;
      const retry = failed.some((f) => f.retryable === true) || slackRetry;
      const reason = failed.length > 0 ? failed.map((f) => `${f.action.type}: ${f.error ?? ''}`).join('; ') : acted.decision.reasons.join('; ');
      return {
        retry: retry ? (slackRetry && failed.length === 0 ? `Slack: ${incident?.notification?.lastError ?? ''}` : reason) : undefined,
        instanceId: instance.instanceId,
        result: !acted.decision.changed ? ('duplicate' as const) : failed.length > 0 ? ('failed' as const) : ('handled' as const),
        ...(incident ? { incidentId: incident.incidentId } : {}),
        actions: acted.outcomes.map((o) => ({ type: o.action.type, status: o.status })),
        reason,
      };
    });
    const { retry, ...result } = outcome;
    if (retry !== undefined) throw new SignalProcessingError(`handling ${signal.kind} for ${instance.instanceId}: ${retry}`, true);
    await deps.ledger.completeClaim(claimKey, deps.clock.nowMs());
    return result;
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
  // One event (a Health event naming many instances) shares one surge cap across its instances.
  const budget: SurgeBudget = { remainingUnits: deps.config.maxSurgeUnitsPerEvent };
  for (const item of managed) {
    try {
      outcomes.push(await handleOne(deps, item, budget));
    } catch (error) {
      errors.push(error);
      outcomes.push({ instanceId: item.instance.instanceId, result: 'failed', reason: messageOf(error) });
    }
  }
  if (errors.length > 0) {
    const retryable = errors.some(isRetryable);
    throw new SignalProcessingError(`${errors.length} of ${managed.length} instances failed: ${errors.map(messageOf).join(' | ')}`, retryable, { cause: errors[0] });
  }
  return { signal: signal.kind, outcomes };
};
