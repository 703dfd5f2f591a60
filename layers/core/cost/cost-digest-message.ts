/** The daily cost report as one Slack message: the fleets' total, then one section per fleet, within Slack's limits. */
import type { ChatMessage, SlackBlock } from '../chat-message';
import { escapeMrkdwn, mrkdwnValue, SLACK_HEADER_TEXT_MAX, SLACK_MAX_BLOCKS, SLACK_MESSAGE_TEXT_MAX, SLACK_SECTION_TEXT_MAX, truncateSlackText } from '../slack-limits';
import { formatCount, formatPercent, formatUsd } from './cost-format';
import type { DailyCost } from './daily-cost';

// Header, total and the "more fleets" line leave the rest of Slack's 50 blocks to fleets.
const MAX_FLEET_SECTIONS = SLACK_MAX_BLOCKS - 3;

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncateSlackText(text, SLACK_SECTION_TEXT_MAX) } });

/** One fleet's day in three lines: cost and $ per 1k; utilization, idle and Spot share; interruptions, SLO, savings. */
export const fleetDayLines = (d: DailyCost): string =>
  [
    `*${escapeMrkdwn(d.fleetName)}*${d.team ? ` (${escapeMrkdwn(d.team)})` : ''}: ${formatUsd(d.usd)}, ${formatUsd(d.usdPer1kRequests)} per 1k requests (${formatCount(d.requests)} requests)`,
    `GPU utilization ${formatPercent(d.gpuUtilizationPercent)}, idle ${d.idleGpuHours.toFixed(1)} of ${d.gpuHours.toFixed(1)} GPU-hours, Spot ${formatPercent(d.spotShare * 100)} of instance-hours`,
    `${d.interruptions} interruptions, SLO attainment ${formatPercent(d.sloAttainmentPercent)}, saved ${formatUsd(d.savingsUsd)} by ${d.savings.length} actions` +
      (d.coveredHours < 23.99 ? `; samples cover ${d.coveredHours.toFixed(1)} h of 24 (cost is a lower bound)` : ''),
  ].join('\n');

/**
 * @example
 * costDigestMessage('#gpu-costs', '2026-11-28', days); // header "Cost report 2026-11-28", a total, a section per fleet
 */
export const costDigestMessage = (channel: string, day: string, days: readonly DailyCost[]): ChatMessage => {
  const usd = days.reduce((sum, d) => sum + d.usd, 0);
  const saved = days.reduce((sum, d) => sum + d.savingsUsd, 0);
  const idle = days.reduce((sum, d) => sum + d.idleGpuHours, 0);
  const summary = `${days.length} fleets cost ${formatUsd(usd)} on ${day}; the autopilot saved ${formatUsd(saved)}; ${idle.toFixed(1)} GPU-hours idle.`;
  const sorted = [...days].sort((a, b) => b.usd - a.usd);
  const shown = sorted.slice(0, MAX_FLEET_SECTIONS);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateSlackText(`Cost report ${day}`, SLACK_HEADER_TEXT_MAX) } },
    section(summary),
    ...shown.map((d) => section(fleetDayLines(d))),
    ...(sorted.length > shown.length ? [section(`…and ${sorted.length - shown.length} more fleets (see the CloudWatch dashboard).`)] : []),
  ];
  return { channel, text: mrkdwnValue(`Cost report ${day}: ${summary}`, SLACK_MESSAGE_TEXT_MAX), blocks };
};
