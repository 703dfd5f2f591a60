/** Small builders shared by the spot decision steps. */
import type { DrainReason } from './drain-protocol';
import type { Incident } from './incident';
import type { ScheduleFollowUpAction, TagDrainAction, UntagDrainAction } from './plan';
import type { FollowUpPurpose } from './signals';
import type { SpotContext, SpotDecision } from './spot-context';

/**
 * Keyed by its deadline: a redelivery of the same drain is one action, while a deadline brought forward (or a
 * retry after a failed tag) is its own.
 */
export const drainAction = (incident: Incident, deadlineMs: number, why: DrainReason, reason: string): TagDrainAction => ({
  type: 'tag-drain',
  instanceId: incident.instanceId,
  incidentId: incident.incidentId,
  deadlineMs,
  drainReason: why,
  idempotencyKey: `${incident.incidentId}:drain:${deadlineMs}`,
  reason,
});

export const untagDrain = (incident: Incident, reason: string): UntagDrainAction => ({
  type: 'untag-drain',
  instanceId: incident.instanceId,
  incidentId: incident.incidentId,
  idempotencyKey: `${incident.incidentId}:undrain`,
  reason,
});

/**
 * The first follow-up of a purpose is keyed by purpose alone, so a redelivered signal does not schedule it
 * twice; a follow-up that looks again later passes `again` and is keyed by its time.
 */
export const followUp = (
  incident: Incident,
  purpose: FollowUpPurpose,
  atMs: number,
  reason: string,
  again = false,
): ScheduleFollowUpAction => ({
  type: 'schedule-follow-up',
  instanceId: incident.instanceId,
  incidentId: incident.incidentId,
  purpose,
  atMs,
  idempotencyKey: again ? `${incident.incidentId}:${purpose}:${atMs}` : `${incident.incidentId}:${purpose}`,
  reason,
});

/** Nothing to do: the incident stays as it was. */
export const unchanged = (ctx: SpotContext, reason: string): SpotDecision => ({
  incident: ctx.incident,
  actions: [],
  atRiskPools: [],
  changed: false,
  reasons: [reason],
});
