/** The words of an incident message: what happened, what was done, what on-call should do (mrkdwn). */
import type { ActionStatus, Incident, IncidentPhase } from './incident';
import { mrkdwnValue } from './slack-limits';

/** Caps on single values, so one long id or error cannot crowd the rest of a section out. */
export const VALUE_MAX = 200;
export const ERROR_MAX = 300;

/** `12:34:56 UTC`, for plain text (headers, notifications). */
export const utcTime = (ms: number): string => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

/**
 * A Slack date token: each reader sees the time in their own time zone; clients that cannot format it
 * show the UTC fallback. @see https://docs.slack.dev/messaging/formatting-message-text#date-formatting
 */
export const slackTime = (ms: number): string => `<!date^${Math.floor(ms / 1000)}^{time_secs}|${utcTime(ms)}>`;

/** `in 87 s` or `12 s ago`. */
export const relativeSeconds = (atMs: number, nowMs: number): string => {
  const seconds = Math.round((atMs - nowMs) / 1000);
  return seconds >= 0 ? `in ${seconds} s` : `${-seconds} s ago`;
};

export const code = (value: string): string => `\`${mrkdwnValue(value, VALUE_MAX)}\``;

const PHASE_LABELS: Record<IncidentPhase, string> = {
  'rebalance-recommended': 'rebalance recommended (elevated interruption risk, no interruption yet)',
  'scheduled-change': 'scheduled maintenance announced',
  'interruption-warned': 'interruption warning',
  closed: 'closed',
  'stood-down': 'stood down: no interruption came',
};

export const phaseLabel = (incident: Incident): string => {
  const base = PHASE_LABELS[incident.phase];
  if (incident.phase === 'interruption-warned' && incident.spotAction) return `${base} (${incident.spotAction})`;
  if (incident.phase === 'closed' && incident.outcome) return `${base}: instance ${incident.outcome.finalState}`;
  return base;
};

const PHASE_EMOJI: Record<IncidentPhase, string> = {
  'rebalance-recommended': ':large_yellow_circle:',
  'scheduled-change': ':calendar:',
  'interruption-warned': ':red_circle:',
  closed: ':white_check_mark:',
  'stood-down': ':large_green_circle:',
};

interface Attempt {
  label: string;
  status: ActionStatus;
  error?: string;
  /** What is wrong with the fleet if this attempt did not happen. */
  risk: string;
}

/** Every action of the incident and its undo, in the order they were taken. */
export const attemptsOf = (incident: Incident): Attempt[] => {
  const { surge, drain } = incident;
  const instance = code(incident.instanceId);
  const attempts: Attempt[] = [];
  if (surge) {
    const risk = `it may be short of ${incident.capacityUnits} QPS until the instance is replaced`;
    attempts.push({ label: 'surge', status: surge.status, error: surge.error, risk });
  }
  if (drain) {
    const risk = `requests in flight on ${instance} may be lost`;
    attempts.push({ label: 'drain', status: drain.status, error: drain.error, risk });
  }
  if (surge?.undone) {
    const { fromTotal, toTotal, status, error } = surge.undone;
    const risk = `its target may still be ${fromTotal} QPS: set it back to ${toTotal} QPS`;
    attempts.push({ label: 'surge undo', status, error, risk });
  }
  if (drain?.undone) {
    const risk = `the worker on ${instance} may still be drained (remove its \`autopilot:drain\` tags)`;
    attempts.push({ label: 'drain undo', status: drain.undone.status, error: drain.undone.error, risk });
  }
  return attempts;
};

const isKillSwitch = (a: Attempt): boolean => a.status === 'blocked' && /kill[ -]?switch/i.test(a.error ?? '');
const isTrouble = (a: Attempt): boolean => a.status === 'failed' || a.status === 'blocked';

export const headerEmoji = (incident: Incident): string =>
  attemptsOf(incident).some(isTrouble) ? ':warning:' : PHASE_EMOJI[incident.phase];

const because = (error: string | undefined): string => (error ? `: ${mrkdwnValue(error, ERROR_MAX)}` : '');

type Words = { done: string; would: string; noun: string };

/** One action in words; `done` and `would` are full sentences, `noun` names the action for failures. */
export const outcomeText = (status: ActionStatus, words: Words, error?: string): string => {
  switch (status) {
    case 'applied':
      return words.done;
    case 'dry-run':
      return `${words.would} _(dry run: nothing changed)_`;
    case 'blocked':
      return `:no_entry: ${words.noun} blocked${because(error)}`;
    case 'failed':
      return `:x: ${words.noun} failed${because(error)}`;
    case 'skipped':
      return `${words.noun} skipped${because(error)}`;
    case 'pending':
      return `${words.noun} in progress`;
  }
};

/** `• <what> (<when>)`, or indented under the action it undoes. */
const line = (indent: string, status: ActionStatus, words: Words, error: string | undefined, atMs: number): string =>
  `${indent}${outcomeText(status, words, error)} (${slackTime(atMs)})`;

/** The bullet lines of "what was done", newest action last. */
export const actionLines = (incident: Incident): string[] => {
  const lines: string[] = [];
  const { surge, drain } = incident;
  if (surge) {
    const change = `target capacity ${surge.fromTotal} → ${surge.toTotal} QPS (+${surge.units})`;
    const words = { done: `Surged ${change}`, would: `Would have surged ${change}`, noun: `Surge of ${change}` };
    lines.push(line('• ', surge.status, words, surge.error, surge.atMs));
    if (surge.avoidedPools.length > 0) {
      lines.push(`   new capacity steered away from ${mrkdwnValue(surge.avoidedPools.join(', '), 600)}`);
    }
    if (surge.undone) {
      const back = `target capacity ${surge.undone.fromTotal} → ${surge.undone.toTotal} QPS`;
      const undo = { done: `Undone: ${back}`, would: `Would have undone: ${back}`, noun: `Undo (${back})` };
      lines.push(line('   ↳ ', surge.undone.status, undo, surge.undone.error, surge.undone.atMs));
    }
  }
  if (drain) {
    const by = `by ${slackTime(drain.deadlineMs)}`;
    const words = { done: `Asked the worker to drain ${by}`, would: `Would have asked the worker to drain ${by}`, noun: `Drain request (${by})` };
    lines.push(line('• ', drain.status, words, drain.error, drain.atMs));
    if (drain.acknowledgedAtMs !== undefined) lines.push(`   worker acknowledged the drain at ${slackTime(drain.acknowledgedAtMs)}`);
    if (drain.undone) {
      const undo = { done: 'Drain taken back: the worker resumes', would: 'Would have taken the drain back', noun: 'Taking the drain back' };
      lines.push(line('   ↳ ', drain.undone.status, undo, drain.undone.error, drain.undone.atMs));
    }
  }
  return lines;
};

/** What on-call should do, most urgent first; usually "nothing to do". */
export const onCallAdvice = (incident: Incident): string => {
  const attempts = attemptsOf(incident);
  const fleet = `${code(incident.fleetName)} (${code(incident.fleetId)})`;
  if (attempts.some(isKillSwitch)) {
    return `:octagonal_sign: *Kill switch engaged*: the autopilot changed nothing. Check ${fleet} and replace the lost ${incident.capacityUnits} QPS by hand if it needs it; release the kill switch when it is safe.`;
  }
  const troubles = attempts.filter(isTrouble);
  if (troubles.length > 0) {
    const what = troubles.map((a) => `${a.label} ${a.status}`).join(', ');
    return `:warning: *Check the fleet* ${fleet}: ${what}; ${troubles.map((a) => a.risk).join('; ')}.`;
  }
  const late = incident.outcome?.finalState === 'missed-notice' || incident.signals.some((s) => s.late === true);
  if (late) return `:warning: *Check the fleet* ${fleet}: a notice arrived after its deadline and was not acted on.`;
  if (incident.dryRun) return 'Nothing to do: dry run, the autopilot only says what it would have done and changed nothing. Turn dry-run off for this fleet to let it act.';
  if (incident.phase === 'closed' || incident.phase === 'stood-down') return 'Nothing to do: this incident is over.';
  return 'Nothing to do: the autopilot is handling it.';
};

const SIGNAL_LABELS: Record<string, string> = {
  'spot-interruption-warning': 'Spot interruption warning',
  'rebalance-recommendation': 'Rebalance recommendation',
  'instance-state-change': 'Instance state change',
  'scheduled-change': 'Scheduled change (AWS Health)',
  'incident-follow-up': 'Scheduled follow-up',
};

export const signalLabel = (kind: string): string => SIGNAL_LABELS[kind] ?? mrkdwnValue(kind, VALUE_MAX);
