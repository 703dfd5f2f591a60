/** Opening an incident and recording a signal on it (pure transitions). */
import type { ActionStatus, Incident, IncidentPhase } from './incident';
import { incidentIdFor, isOpen } from './incident';
import { poolOf } from './observed';
import type { InstanceSignal } from './signals';
import type { SpotContext } from './spot-context';
import { instanceUnits } from './spot-context';

const PHASE_RANK: Record<IncidentPhase, number> = {
  'rebalance-recommended': 1,
  'scheduled-change': 1,
  'interruption-warned': 2,
  'stood-down': 3,
  closed: 3,
};

/** A phase only moves forward: a late rebalance recommendation does not undo a warning. */
export const laterPhase = (current: IncidentPhase, next: IncidentPhase): IncidentPhase =>
  PHASE_RANK[next] > PHASE_RANK[current] ? next : current;

/**
 * The open incident for the instance, or a new one. A new incident's id comes from the signal that opened it
 * (not the clock), so a retry of that signal after a partial failure finds the same incident and its actions.
 */
export const openOrContinue = (ctx: SpotContext, phase: IncidentPhase, signal: InstanceSignal): { incident: Incident; opened: boolean } => {
  if (ctx.incident && isOpen(ctx.incident)) return { incident: structuredClone(ctx.incident), opened: false };
  return {
    opened: true,
    incident: {
      incidentId: incidentIdFor(ctx.instance.instanceId, signal.emittedAtMs, signal.eventId),
      instanceId: ctx.instance.instanceId,
      fleetId: ctx.fleet.fleetId,
      fleetName: ctx.fleet.name,
      pool: poolOf(ctx.instance),
      capacityUnits: instanceUnits(ctx),
      fleetUnitsAtOpen: ctx.fleetView?.fulfilledCapacity ?? 0,
      phase,
      openedAtMs: ctx.nowMs,
      updatedAtMs: ctx.nowMs,
      signals: [],
      reasons: [],
      dryRun: ctx.fleet.dryRun,
      // A new incident is a new record: its first save is version 1 (it may replace an ended one).
      version: 0,
    },
  };
};

/** True when this event id was already recorded on the incident (a redelivery). */
export const alreadySeen = (incident: Incident | undefined, signal: InstanceSignal): boolean =>
  incident?.signals.some((s) => s.eventId === signal.eventId && s.kind === signal.kind) ?? false;

/** An action of the open incident failed: a redelivery of its signal may try it again. */
export const hasFailedAction = (incident: Incident | undefined): boolean =>
  incident?.surge?.status === 'failed' ||
  incident?.drain?.status === 'failed' ||
  (incident?.failedFollowUps?.length ?? 0) > 0;

const retriable = (status: ActionStatus | undefined): boolean => status === 'failed' || status === 'blocked';

/** An ended incident whose surge or drain was not taken back (the undo failed or was blocked): retry it. */
export const undoPending = (incident: Incident | undefined): boolean =>
  incident !== undefined &&
  !isOpen(incident) &&
  ((incident.surge?.status === 'applied' && retriable(incident.surge.undone?.status)) ||
    (incident.drain?.status === 'applied' && retriable(incident.drain.undone?.status)));

/** Record a signal once: a redelivery that retries failed actions does not add it again. */
export const recordSignal = (
  incident: Incident,
  signal: InstanceSignal,
  nowMs: number,
  extra: { late?: boolean; detail?: string } = {},
): void => {
  incident.updatedAtMs = nowMs;
  if (alreadySeen(incident, signal)) return;
  incident.signals.push({
    kind: signal.kind,
    eventId: signal.eventId,
    emittedAtMs: signal.emittedAtMs,
    receivedAtMs: nowMs,
    ...extra,
  });
};
