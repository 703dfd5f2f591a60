/** Tell on-call: one incident = one Slack message, updated (bot) or deduped per revision (webhook). */
import type { Incident } from '../core/incident';
import { renderIncidentMessage, renderIncidentUpdate } from '../core/incident-message';
import { isRetryable, messageOf } from './errors';
import type { SpotDeps } from './spot-deps';

type NotifyDeps = Pick<SpotDeps, 'notifier' | 'clock' | 'logger'>;

/** What makes a new webhook message worth sending: the phase and the status of each action. */
export const revisionOf = (incident: Incident): string =>
  [
    incident.phase,
    incident.surge ? `surge:${incident.surge.status}${incident.surge.undone ? `/undo:${incident.surge.undone.status}` : ''}` : '',
    incident.drain ? `drain:${incident.drain.status}${incident.drain.undone ? `/undo:${incident.drain.undone.status}` : ''}` : '',
  ].join('|');

/**
 * Post or update the incident's message and return the incident with its notification state. A Slack
 * failure never undoes an action: it is recorded on the incident (and retried on the next signal).
 */
export const notifyIncident = async (deps: NotifyDeps, incident: Incident, channel: string): Promise<Incident> => {
  const next = structuredClone(incident);
  const state = next.notification ?? { channel, postedRevisions: [] };
  const nowMs = deps.clock.nowMs();
  const message = renderIncidentMessage(next, channel, nowMs);
  const revision = revisionOf(next);
  try {
    if (deps.notifier.supportsUpdates) {
      if (state.ts === undefined) {
        const ref = await deps.notifier.post(message);
        if (ref.ts !== undefined) state.ts = ref.ts;
      } else {
        const ref = { channel: state.channel, ts: state.ts };
        await deps.notifier.update(ref, message);
        const latest = next.signals.at(-1);
        if (latest && !state.postedRevisions.includes(revision)) {
          await deps.notifier.reply(ref, renderIncidentUpdate(next, latest, channel));
        }
      }
    } else if (!state.postedRevisions.includes(revision)) {
      await deps.notifier.post(message);
    }
    if (!state.postedRevisions.includes(revision)) state.postedRevisions.push(revision);
    delete state.lastError;
    delete state.lastErrorRetryable;
  } catch (error) {
    deps.logger.error('notifying Slack failed', { incidentId: next.incidentId, error: messageOf(error) });
    state.lastError = messageOf(error);
    state.lastErrorRetryable = isRetryable(error);
  }
  next.notification = state;
  return next;
};
