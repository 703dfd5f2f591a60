/** The gpu-alarm use case: one alarm state change (or recheck) of one fleet, claimed per event, decided under the fleet lock. */
import type { FleetConfig } from '../core/fleet';
import type { GpuAlarmTrigger } from '../core/gpu-alarm-trigger';
import { actOnGpuAlarm, type GpuAlarmOutcome } from './act-on-gpu-alarm';
import { SignalProcessingError } from './errors';
import type { GpuAlarmDeps } from './gpu-alarm-deps';
import { withFleetLock } from './with-fleet-lock';

export type GpuAlarmResult = GpuAlarmOutcome | { fleet?: string; status: 'ignored' | 'duplicate' | 'in-progress'; reason: string };

/** Claims outlive Lambda's retries of an asynchronous invocation (up to 6 hours). */
const CLAIM_TTL_SECONDS = 24 * 3600;
/** Longer than the fleet lock's wait and lease: a claim is held while the invocation may still be working. */
const CLAIM_LEASE_MS = 120_000;

const fleetOf = (deps: GpuAlarmDeps, trigger: Exclude<GpuAlarmTrigger, { kind: 'ignored' }>): FleetConfig | undefined =>
  trigger.kind === 'alarm'
    ? deps.config.fleets.find((f) => f.name === trigger.signal.fleetName)
    : deps.config.fleets.find((f) => f.fleetId === trigger.detail.fleetId && f.name === trigger.detail.fleetName);

/**
 * Acts on the trigger once: the event id is claimed, so a redelivered event (EventBridge is at-least-once) or a
 * retry after success is a `duplicate`. An alarm of a fleet no longer in the fleets file is acknowledged as ignored.
 * A failure a retry may fix releases the claim and throws a retryable error (Lambda retries the event); a permanent
 * one throws a non-retryable error (the on-failure destination keeps the event).
 */
export const handleGpuAlarm = async (deps: GpuAlarmDeps, trigger: GpuAlarmTrigger): Promise<GpuAlarmResult> => {
  if (trigger.kind === 'ignored') {
    deps.logger.debug('event is not one of our GPU alarms: acknowledged', { reason: trigger.reason });
    return { status: 'ignored', reason: trigger.reason };
  }
  const fleet = fleetOf(deps, trigger);
  const eventId = trigger.kind === 'alarm' ? trigger.signal.eventId : trigger.eventId;
  if (fleet === undefined) {
    const name = trigger.kind === 'alarm' ? trigger.signal.fleetName : trigger.detail.fleetName;
    deps.logger.warn('GPU alarm of a fleet not in the fleets file: acknowledged', { fleet: name, eventId });
    return { fleet: name, status: 'ignored', reason: `fleet ${name} is not in the fleets file` };
  }
  const key = `gpu-alarm#${eventId}`;
  const claim = await deps.ledger.claim(key, deps.clock.nowMs(), CLAIM_LEASE_MS, CLAIM_TTL_SECONDS);
  if (claim !== 'acquired') return { fleet: fleet.name, status: claim === 'completed' ? 'duplicate' : 'in-progress', reason: `event ${eventId} already ${claim}` };
  try {
    const outcome = await withFleetLock(deps, fleet.fleetId, () => actOnGpuAlarm(deps, fleet, trigger));
    if (outcome.retryableError !== undefined) throw new SignalProcessingError(`gpu alarm of fleet ${fleet.name}: ${outcome.retryableError}`, true);
    await deps.ledger.completeClaim(key, deps.clock.nowMs());
    return outcome;
  } catch (error) {
    await deps.ledger.releaseClaim(key).catch(() => undefined);
    throw error;
  }
};
