/** Tell on-call about a cost incident: one Slack message per anomaly, updated in place (bot) or posted again (webhook). */
import type { CostIncident } from '../core/cost/cost-incident';
import { renderCostIncident } from '../core/cost/cost-incident-message';
import type { CostAnomalyDeps } from './cost-anomaly-deps';
import { isRetryable, messageOf } from './errors';

/** Where the incident is told: its first fleet's channel, else the deployment's alert channel, else the first fleet's. */
export const costIncidentChannel = (deps: Pick<CostAnomalyDeps, 'config'>, incident: Pick<CostIncident, 'fleetIds'>): string | undefined => {
  const { fleets, alertChannel } = deps.config;
  const first = fleets.find((f) => f.fleetId === incident.fleetIds[0]);
  return first?.slackChannel ?? alertChannel ?? fleets[0]?.slackChannel;
};

/**
 * Posts the incident's message, or updates the one already posted when the notifier can (bot mode); an incoming
 * webhook cannot update, so a grown anomaly is posted again. A failure a retry may fix keeps the message in `unsent`
 * for the anomaly's next delivery; one that never will is logged and dropped. Never throws.
 */
export const notifyCostIncident = async (deps: Pick<CostAnomalyDeps, 'notifier' | 'logger' | 'config'>, incident: CostIncident): Promise<CostIncident> => {
  const channel = incident.chat?.channel ?? costIncidentChannel(deps, incident);
  if (channel === undefined) return incident;
  const names = new Map(deps.config.fleets.map((f) => [f.fleetId, f.name]));
  const message = renderCostIncident(incident, channel, names);
  const { unsent: _earlier, ...rest } = incident;
  try {
    if (deps.notifier.supportsUpdates && incident.chat !== undefined) {
      await deps.notifier.update(incident.chat, message);
      return rest;
    }
    const ref = await deps.notifier.post(message);
    return ref.ts === undefined ? rest : { ...rest, chat: { channel: ref.channel, ts: ref.ts } };
  } catch (error) {
    if (!isRetryable(error)) {
      deps.logger.error('Slack message of a cost incident dropped: Slack refused it', { anomalyId: incident.anomalyId, error: messageOf(error) });
      return rest;
    }
    deps.logger.warn('Slack message of a cost incident kept for the next delivery', { anomalyId: incident.anomalyId, error: messageOf(error) });
    return { ...rest, unsent: [message] };
  }
};
