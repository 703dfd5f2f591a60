/** The forecast scaler's Slack messages: only what on-call must know (a large action, drift, missing history). */
import type { ChatMessage } from '../chat-message';
import { noticeMessage } from '../notice-message';

export type ForecastNotice =
  | { kind: 'large-action'; fleetName: string; fromUnits: number; toUnits: number; verdict: string; reason: string }
  | { kind: 'drift'; fleetName: string; ratio: number; window: number; model: string }
  | { kind: 'missing-history'; fleetName: string; model: string; note: string; coverage: number };

const headline = (notice: ForecastNotice): string => {
  switch (notice.kind) {
    case 'large-action': {
      const direction = notice.toUnits > notice.fromUnits ? 'Scaling out' : 'Scaling in';
      const verdict = notice.verdict === 'execute' ? '' : ` (${notice.verdict})`;
      return `${direction} ${notice.fleetName}: ${notice.fromUnits} -> ${notice.toUnits} units${verdict}`;
    }
    case 'drift':
      return `Forecast for ${notice.fleetName} is drifting: error ${notice.ratio.toFixed(2)}x seasonal-naive`;
    case 'missing-history':
      return `Demand history of ${notice.fleetName} is missing or short`;
  }
};

const body = (notice: ForecastNotice): string => {
  switch (notice.kind) {
    case 'large-action':
      return notice.reason;
    case 'drift':
      return (
        `Over the last ${notice.window} scored predictions the ${notice.model} forecast erred ${notice.ratio.toFixed(2)} times as much as ` +
        'repeating yesterday would have. Capacity still covers the observed load and backlog; scale-in waits for the forecast and the ' +
        'load to agree. Check for a traffic change (launch, migration, outage upstream).'
      );
    case 'missing-history':
      return (
        `${notice.note}. Model: ${notice.model}; ${(notice.coverage * 100).toFixed(0)}% of the history window has datapoints. ` +
        'The fleet is sized on the observed load until the history is back; check that the fleet\'s queues or request metric publish to CloudWatch.'
      );
  }
};

/** One message, within Slack's limits; mrkdwn texts (the section and the fallback `text`) are escaped, the plain-text header is not. */
export const renderForecastNotice = (notice: ForecastNotice, channel: string): ChatMessage => noticeMessage(channel, headline(notice), body(notice));
