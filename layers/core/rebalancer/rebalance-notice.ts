/** The rebalancer's Slack messages: one per change (a plan acted on, a replacement done or stopped), with its reason line. */
import type { ChatMessage } from '../chat-message';
import { noticeMessage } from '../notice-message';
import { poolLabel, usd } from '../rebalance/rebalance-wording';
import type { ReplacementMove } from './replacement-move';

export type RebalanceNotice =
  | {
      kind: 'plan';
      fleetName: string;
      /** `execute`, or what the guard made of it (`dry-run`, `blocked`) with its note. */
      verdict: 'execute' | 'dry-run' | 'blocked';
      note?: string;
      /** The plan's reason line ("g5.xlarge us-east-1a: 3 interruptions in 24 h; moving 40% to ..."). */
      reason: string;
      /** Set when the market mode changed with this plan (fallback to on-demand, back to Spot). */
      modeChange?: string;
      /** The new launch order when the overrides changed, best first. */
      launchOrder?: string[];
      /** The first replacement started (or that would start). */
      move?: Pick<ReplacementMove, 'instanceId' | 'from' | 'launches' | 'usdPerHourBefore' | 'usdPerHourAfter' | 'surgeUnits'>;
      usdPerHourBefore: number;
      usdPerHourAfter: number;
      movesLeft: number;
    }
  | { kind: 'replaced'; fleetName: string; move: ReplacementMove; how: string }
  | { kind: 'stopped'; fleetName: string; move: ReplacementMove; why: string };

const headline = (n: RebalanceNotice): string => {
  switch (n.kind) {
    case 'plan': {
      const held = n.verdict === 'execute' ? '' : ` (${n.verdict})`;
      const what = n.modeChange ? (/back to Spot/.test(n.modeChange) ? 'back to Spot' : 'falling back to on-demand') : n.move ? 'replacing capacity' : 'new launch order';
      return `Rebalancing ${n.fleetName}: ${what}${held}`;
    }
    case 'replaced':
      return `Replaced ${n.move.instanceId} of ${n.fleetName}: ${usd(n.move.usdPerHourBefore)}/h -> ${usd(n.move.usdPerHourAfter)}/h`;
    case 'stopped':
      return `Replacement of ${n.move.instanceId} of ${n.fleetName} stopped`;
  }
};

const launchesOf = (move: Pick<ReplacementMove, 'launches'>): string => move.launches.map((l) => `${l.count} x ${poolLabel(l.pool)}`).join(', ') || 'no launch';

const body = (n: RebalanceNotice): string => {
  switch (n.kind) {
    case 'plan': {
      const lines = [n.reason];
      if (n.modeChange) lines.push(n.modeChange);
      if (n.move) lines.push(`First: ${n.move.instanceId} (${poolLabel(n.move.from)}) replaced by ${launchesOf(n.move)}, surge of ${n.move.surgeUnits} units, then drain; ${usd(n.move.usdPerHourBefore)}/h -> ${usd(n.move.usdPerHourAfter)}/h. ${n.movesLeft} more to move after it.`);
      if (n.launchOrder && n.launchOrder.length > 0) lines.push(`Launch order: ${n.launchOrder.slice(0, 5).join(', ')}${n.launchOrder.length > 5 ? ` and ${n.launchOrder.length - 5} more` : ''}.`);
      lines.push(`Fleet: ${usd(n.usdPerHourBefore)}/h now, ${usd(n.usdPerHourAfter)}/h on the chosen mix.`);
      if (n.verdict !== 'execute') lines.push(`Not applied: ${n.note ?? n.verdict}.`);
      return lines.join('\n');
    }
    case 'replaced':
      return `${poolLabel(n.move.from)} -> ${launchesOf(n.move)} (${n.how}). ${n.move.reason}`;
    case 'stopped':
      return `${n.why}. ${poolLabel(n.move.from)} keeps running; the next plan looks again.`;
  }
};

/** One message, within Slack's limits; mrkdwn texts are escaped, the plain-text header is not. */
export const renderRebalanceNotice = (notice: RebalanceNotice, channel: string): ChatMessage => noticeMessage(channel, headline(notice), body(notice));
