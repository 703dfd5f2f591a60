/** Saving the rebalancer's state, with its Slack messages delivered first and those a retry may get through kept. */
import type { ChatMessage } from '../core/chat-message';
import type { FleetConfig } from '../core/fleet';
import { renderRebalanceNotice, type RebalanceNotice } from '../core/rebalancer/rebalance-notice';
import type { RebalanceState } from '../core/rebalancer/rebalance-state';
import { isRetryable, messageOf } from './errors';
import type { RebalanceDeps } from './rebalance-deps';

const MAX_UNSENT = 5;

/** Stores `state` over the version it carries (the stored one) and returns it as stored (version + 1). */
export const saveRebalanceState = async (deps: Pick<RebalanceDeps, 'ledger'>, state: RebalanceState): Promise<RebalanceState> => {
  const next = { ...state, version: state.version + 1 };
  await deps.ledger.saveRebalanceState(next);
  return next;
};

/** `state` with `notices` queued for Slack: saved with it, so a run that dies before posting still posts them later. */
export const withNotices = (state: RebalanceState, fleet: FleetConfig, notices: RebalanceNotice[]): RebalanceState => {
  if (notices.length === 0) return state;
  return { ...state, unsent: [...(state.unsent ?? []), ...notices.map((n) => renderRebalanceNotice(n, fleet.slackChannel))] };
};

/**
 * Posts the queued messages (earlier ones first) and saves the state. What failed in a way a retry may fix (rate
 * limit, Slack down) is kept for the next save, the newest few; what never will (a missing channel) is logged and
 * dropped.
 */
export const tellAndSave = async (deps: Pick<RebalanceDeps, 'ledger' | 'notifier' | 'logger'>, fleet: FleetConfig, state: RebalanceState): Promise<RebalanceState> => {
  const unsent: ChatMessage[] = [];
  for (const message of state.unsent ?? []) {
    try {
      await deps.notifier.post(message);
    } catch (error) {
      if (isRetryable(error)) {
        deps.logger.warn('rebalancer notice not delivered: kept for the next save', { fleet: fleet.name, error: messageOf(error) });
        unsent.push(message);
      } else {
        deps.logger.error('rebalancer notice not delivered: dropped', { fleet: fleet.name, error: messageOf(error), text: message.text });
      }
    }
  }
  const next: RebalanceState = { ...state };
  if (unsent.length > 0) next.unsent = unsent.slice(-MAX_UNSENT);
  else delete next.unsent;
  return saveRebalanceState(deps, next);
};
