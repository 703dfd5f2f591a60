/**
 * The one Slack message of a spot-interruption incident, rendered from the incident record each time it
 * changes (so what on-call reads is what the ledger says), and the thread line for each new signal.
 */
import type { ChatMessage, SlackBlock } from './chat-message';
import { isOpen, type Incident, type IncidentSignalRecord } from './incident';
import {
  actionLines,
  attemptsOf,
  code,
  headerEmoji,
  onCallAdvice,
  phaseLabel,
  relativeSeconds,
  signalLabel,
  slackTime,
  utcTime,
  VALUE_MAX,
} from './incident-wording';
import {
  SLACK_HEADER_TEXT_MAX,
  SLACK_MAX_BLOCKS,
  SLACK_MESSAGE_TEXT_MAX,
  SLACK_SECTION_TEXT_MAX,
  mrkdwnValue,
  truncateSlackText,
} from './slack-limits';

/** How many of the newest decision reasons the message shows, and how long each may be. */
const REASONS_SHOWN = 5;
const REASON_MAX = 400;
const DETAIL_MAX = 500;

const TITLES: Record<Incident['phase'], string> = {
  'rebalance-recommended': 'Rebalance recommendation',
  'scheduled-change': 'Scheduled maintenance',
  'interruption-warned': 'Spot interruption',
  closed: 'Closed',
  'stood-down': 'Stood down',
};

const section = (text: string): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateSlackText(text, SLACK_SECTION_TEXT_MAX) },
});

const titleOf = (incident: Incident): string =>
  `${incident.dryRun ? '[dry run] ' : ''}${TITLES[incident.phase]}: ${incident.fleetName} · ${incident.instanceId}`;

const capacityLine = (incident: Incident): string => {
  const lost = incident.phase === 'interruption-warned' || incident.phase === 'closed';
  const units = incident.outcome?.lostUnits ?? incident.capacityUnits;
  const share =
    incident.fleetUnitsAtOpen > 0 ? `${((100 * units) / incident.fleetUnitsAtOpen).toFixed(1)}%` : 'an unknown share';
  return `${lost ? 'Capacity lost' : 'Capacity at risk'}: *${units} QPS*, ${share} of the fleet's ${incident.fleetUnitsAtOpen} QPS when the incident opened`;
};

const happened = (incident: Incident, nowMs: number): string => {
  const { pool, deadlineMs, outcome } = incident;
  const lines = [
    '*What happened*',
    `Fleet *${mrkdwnValue(incident.fleetName, VALUE_MAX)}* (${code(incident.fleetId)}): instance ${code(incident.instanceId)}, ` +
      `${mrkdwnValue(pool.instanceType, VALUE_MAX)} in ${mrkdwnValue(pool.availabilityZone, VALUE_MAX)}, ${pool.market}`,
    `Phase: *${phaseLabel(incident)}*`,
  ];
  if (deadlineMs !== undefined) {
    lines.push(`Deadline: ${slackTime(deadlineMs)}${isOpen(incident) ? ` (${relativeSeconds(deadlineMs, nowMs)})` : ''}`);
  }
  lines.push(capacityLine(incident));
  if (outcome) {
    const drained =
      outcome.drainedBeforeDeadline === undefined ? '' : `; drained before the deadline: ${outcome.drainedBeforeDeadline ? 'yes' : 'no'}`;
    lines.push(`Ended ${slackTime(outcome.closedAtMs)}: ${outcome.lostUnits} QPS left the fleet${drained}`);
  }
  return lines.join('\n');
};

const done = (incident: Incident): string => {
  const title = incident.dryRun ? '*What the autopilot would have done* (dry run)' : '*What was done*';
  const lines = actionLines(incident);
  return [title, ...(lines.length > 0 ? lines : ['Nothing yet.'])].join('\n');
};

const why = (incident: Incident): string | undefined => {
  if (incident.reasons.length === 0) return undefined;
  const shown = incident.reasons.slice(-REASONS_SHOWN).map((reason) => `• ${mrkdwnValue(reason, REASON_MAX)}`);
  const earlier = incident.reasons.length - shown.length;
  return ['*Why*', ...(earlier > 0 ? [`_(${earlier} earlier)_`] : []), ...shown].join('\n');
};

const footer = (incident: Incident): SlackBlock => {
  const text =
    `Incident ${code(incident.incidentId)} · ${incident.signals.length} signal(s) · ` +
    `updated ${slackTime(incident.updatedAtMs)} · v${incident.version}`;
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncateSlackText(text, SLACK_SECTION_TEXT_MAX) }] };
};

/** The notification text (also what webhook-less clients show): the three answers in one paragraph. */
const fallbackText = (incident: Incident, nowMs: number): string => {
  const deadline =
    incident.deadlineMs !== undefined && isOpen(incident)
      ? `, deadline ${utcTime(incident.deadlineMs)} (${relativeSeconds(incident.deadlineMs, nowMs)})`
      : '';
  const attempts = attemptsOf(incident).map((a) => `${a.label} ${a.status}`);
  const actions = attempts.length > 0 ? `Actions: ${attempts.join(', ')}.` : 'No action yet.';
  const summary =
    `${headerEmoji(incident)} ${mrkdwnValue(titleOf(incident), 2 * VALUE_MAX)}: ${phaseLabel(incident)}${deadline}. ` +
    `${actions} ${onCallAdvice(incident)}`;
  return truncateSlackText(summary, SLACK_MESSAGE_TEXT_MAX);
};

/**
 * Render the incident's Slack message. Pure: the same incident and `nowMs` give the same message.
 * Every text is escaped and kept within Slack's limits (see slack-limits.ts).
 *
 * @example
 * const ref = await notifier.post(renderIncidentMessage(incident, fleet.slackChannel, clock.nowMs()));
 * // after the next save of the incident:
 * await notifier.update(ref, renderIncidentMessage(updated, ref.channel, clock.nowMs()));
 */
export const renderIncidentMessage = (incident: Incident, channel: string, nowMs: number): ChatMessage => {
  const reasons = why(incident);
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncateSlackText(`${headerEmoji(incident)} ${titleOf(incident)}`, SLACK_HEADER_TEXT_MAX),
        emoji: true,
      },
    },
    section(happened(incident, nowMs)),
    section(done(incident)),
    section(`*What on-call should do*\n${onCallAdvice(incident)}`),
    ...(reasons === undefined ? [] : [section(reasons)]),
    footer(incident),
  ];
  return { channel, text: fallbackText(incident, nowMs), blocks: blocks.slice(0, SLACK_MAX_BLOCKS) };
};

/**
 * The thread reply for one new signal on the incident: a single short line.
 *
 * @example renderIncidentUpdate(incident, incident.signals.at(-1)!, ref.channel)
 */
export const renderIncidentUpdate = (
  incident: Incident,
  signal: IncidentSignalRecord,
  channel: string = incident.notification?.channel ?? '',
): ChatMessage => {
  const delaySeconds = Math.max(0, Math.round((signal.receivedAtMs - signal.emittedAtMs) / 1000));
  const late = signal.late ? ' · *late*: after the deadline, recorded as missed, not acted on' : '';
  const detail = signal.detail ? ` · ${mrkdwnValue(signal.detail, DETAIL_MAX)}` : '';
  const text =
    `${signalLabel(signal.kind)} received ${slackTime(signal.receivedAtMs)} (${delaySeconds} s after AWS sent it)` +
    `${late}${detail} · phase now *${phaseLabel(incident)}*`;
  return { channel, text: truncateSlackText(text, SLACK_MESSAGE_TEXT_MAX) };
};
