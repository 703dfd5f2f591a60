/** Format the incident replay for a terminal: the timeline, then where every request ended up. */
import type { IncidentReplay } from './incident-replay';

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** The final line: lost must read 0. */
export const formatTally = (replay: IncidentReplay): string => {
  const t = replay.tally;
  const dlq = t.deadLettered > 0 ? `, dead-lettered ${t.deadLettered}` : '';
  return `requests sent ${t.sent}, served ${t.served}, still queued ${t.queued}${dlq}, lost ${t.lost}, duplicates ${t.duplicates}`;
};

export const formatIncident = (replay: IncidentReplay): string => {
  const lines = replay.timeline.map((e) => `${time(e.atMs)}Z  ${e.kind.padEnd(20)} ${e.text}`);
  if (replay.tally.lost > 0) lines.push('', `LOST: ${replay.tally.lostIds.slice(0, 20).join(', ')}${replay.tally.lost > 20 ? ', ...' : ''}`);
  lines.push('', formatTally(replay));
  return lines.join('\n');
};
