/**
 * The drain protocol between the control plane (the spot-interruption function) and the worker agent on
 * each GPU host. Both sides import this module; nothing else defines these names.
 *
 * - Request: the function tags the instance `autopilot:drain` = the deadline (ISO-8601 UTC), with
 *   `autopilot:drain-incident` and `autopilot:drain-reason`. The agent reads them through instance metadata
 *   tags (`/latest/meta-data/tags/instance/<key>`; the launch template must set `InstanceMetadataTags: enabled`).
 * - Acknowledge: when the agent has stopped receiving and released or finished its messages it tags itself
 *   `autopilot:drained` = the time it finished (ISO-8601 UTC). The function reads it with DescribeInstances.
 * - Undo: the function deletes `autopilot:drain*`; an agent that sees the tag go away resumes receiving.
 *
 * Tag keys use only the characters allowed in instance metadata tags (letters, digits, `+ - = . , _ : @`).
 */

export const DRAIN_TAG = 'autopilot:drain';
export const DRAIN_INCIDENT_TAG = 'autopilot:drain-incident';
export const DRAIN_REASON_TAG = 'autopilot:drain-reason';
export const DRAINED_TAG = 'autopilot:drained';
/** Instances must carry this tag (value = fleet id) for the function's IAM role to tag or untag them. */
export const MANAGED_TAG = 'autopilot:managed';

/** `rebalance-move`: the rebalancer replaces the instance (rolling replacement to a cheaper or safer pool). */
export type DrainReason = 'spot-interruption' | 'rebalance-recommendation' | 'scheduled-change' | 'rebalance-move';

export interface DrainRequest {
  deadlineMs: number;
  incidentId: string;
  reason: DrainReason;
}

/** Tags that request a drain. */
export const drainRequestTags = (request: DrainRequest): Record<string, string> => ({
  [DRAIN_TAG]: new Date(request.deadlineMs).toISOString(),
  [DRAIN_INCIDENT_TAG]: request.incidentId,
  [DRAIN_REASON_TAG]: request.reason,
});

/** Tag keys removed when a drain is undone (the agent's acknowledgement goes too). */
export const DRAIN_TAG_KEYS = [DRAIN_TAG, DRAIN_INCIDENT_TAG, DRAIN_REASON_TAG, DRAINED_TAG] as const;

const REASONS: readonly DrainReason[] = ['spot-interruption', 'rebalance-recommendation', 'scheduled-change', 'rebalance-move'];

/** Read a drain request from an instance's tags; undefined when there is none or it is malformed. */
export const readDrainRequest = (tags: Record<string, string | undefined>): DrainRequest | undefined => {
  const deadline = tags[DRAIN_TAG];
  if (deadline === undefined) return undefined;
  const deadlineMs = Date.parse(deadline);
  if (Number.isNaN(deadlineMs)) return undefined;
  const reason = tags[DRAIN_REASON_TAG];
  return {
    deadlineMs,
    incidentId: tags[DRAIN_INCIDENT_TAG] ?? 'unknown',
    reason: REASONS.includes(reason as DrainReason) ? (reason as DrainReason) : 'spot-interruption',
  };
};

/** The agent's acknowledgement tag. */
export const drainedTags = (finishedAtMs: number): Record<string, string> => ({
  [DRAINED_TAG]: new Date(finishedAtMs).toISOString(),
});

/** When the agent acknowledged, from the instance's tags; undefined when not (yet). */
export const readDrainedAt = (tags: Record<string, string | undefined>): number | undefined => {
  const value = tags[DRAINED_TAG];
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};
