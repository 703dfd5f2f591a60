/** Which forecast notices a run owes on-call (one per episode), and their delivery with a retry at the next run. */
import type { FleetConfig } from '../core/fleet';
import { renderForecastNotice, type ForecastNotice } from '../core/forecast/forecast-message';
import type { ForecastSettings } from '../core/forecast/forecast-settings';
import type { ForecastState } from '../core/forecast/forecast-state';
import type { DemandSeries, Forecast } from '../core/forecast/forecast-types';
import { deliverChatMessages } from './deliver-chat-messages';
import type { ForecastDeps } from './forecast-deps';

/**
 * Share of the steps with a datapoint from the first datapoint on: a fleet younger than the history window has a
 * short history, which the model's choice already answers, not a missing one; gaps after its start are missing.
 */
export const presentShareOf = (history: DemandSeries): number => {
  const first = history.values.findIndex((v) => v !== undefined);
  if (first < 0) return 0;
  const since = history.values.slice(first);
  return since.filter((v) => v !== undefined).length / since.length;
};

/** A missing history is told again after this long if it is still missing. */
const REMIND_MS = 24 * 3_600_000;
/** Below this share of datapoints (since the first) the history counts as missing even when a model could be fitted. */
const MIN_COVERAGE = 0.8;

export interface NoticeInput {
  fleet: FleetConfig;
  settings: ForecastSettings;
  nowMs: number;
  forecast: Forecast;
  /** Share of the history's steps with a datapoint, counted from the first one (presentShareOf). */
  presentShare: number;
  drift: number | undefined;
  largeAction?: { fromUnits: number; toUnits: number; verdict: string; reason: string };
}

/**
 * The notices owed now, and the state with the episode markers moved (set when told, cleared when over): a missing
 * history (reminded daily), a drift, and a large action the guard held are told once per episode; an executed large
 * action every time.
 */
export const noticesOwed = (state: ForecastState, input: NoticeInput): { notices: ForecastNotice[]; state: ForecastState } => {
  const notices: ForecastNotice[] = [];
  const next: ForecastState = { ...state };
  const { fleet, forecast } = input;
  const missing = forecast.model === 'none' || forecast.model === 'flat' || input.presentShare < MIN_COVERAGE;
  if (!missing) delete next.missingHistoryAlertedAtMs;
  else if (state.missingHistoryAlertedAtMs === undefined || input.nowMs - state.missingHistoryAlertedAtMs >= REMIND_MS) {
    notices.push({ kind: 'missing-history', fleetName: fleet.name, model: forecast.model, note: forecast.note, coverage: forecast.coverage });
    next.missingHistoryAlertedAtMs = input.nowMs;
  }
  const drifting = input.drift !== undefined && input.drift > input.settings.driftMase;
  if (!drifting) delete next.driftAlertedAtMs;
  else if (state.driftAlertedAtMs === undefined && input.drift !== undefined) {
    notices.push({ kind: 'drift', fleetName: fleet.name, ratio: input.drift, window: input.settings.driftWindowRuns, model: forecast.model });
    next.driftAlertedAtMs = input.nowMs;
  }
  // An executed action changes the fleet, so the next run does not ask again; a held one is asked for every run.
  const held = input.largeAction !== undefined && input.largeAction.verdict !== 'execute';
  if (!held) delete next.heldActionAlertedAtMs;
  if (input.largeAction && (!held || state.heldActionAlertedAtMs === undefined)) {
    notices.push({ kind: 'large-action', fleetName: fleet.name, ...input.largeAction });
    if (held) next.heldActionAlertedAtMs = input.nowMs;
  }
  return { notices, state: next };
};

/**
 * Posts the undelivered messages of earlier runs, then the new ones. What failed in a way a retry may fix (rate limit,
 * Slack down) is kept for the next run, the newest few; what never will (a missing channel, a rejected message) is
 * logged as an error and dropped, rather than sent again every run for ever.
 */
export const deliverNotices = async (
  deps: Pick<ForecastDeps, 'notifier' | 'logger'>,
  fleet: FleetConfig,
  state: ForecastState,
  notices: ForecastNotice[],
): Promise<ForecastState> => {
  const fresh = notices.map((n) => renderForecastNotice(n, fleet.slackChannel));
  const unsent = await deliverChatMessages(deps, fleet.name, state.unsent ?? [], fresh);
  const next = { ...state };
  if (unsent.length > 0) next.unsent = unsent;
  else delete next.unsent;
  return next;
};
