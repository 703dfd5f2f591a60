/** Format a replay transcript for a terminal: per event, the decision's actions and the Slack traffic. */
import type { TranscriptStep } from './run-spot-replay';

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

const indent = (text: string, prefix: string): string =>
  text
    .split('\n')
    .map((l) => `${prefix}${l}`)
    .join('\n');

const outcomeLines = (outcome: unknown): string[] => {
  const o = outcome as { outcomes?: { instanceId: string; result: string; reason: string }[] } | undefined;
  return (o?.outcomes ?? []).map((x) => `${x.instanceId}: ${x.result} (${x.reason})`);
};

export const formatTranscript = (steps: TranscriptStep[]): string => {
  const out: string[] = [];
  for (const step of steps) {
    out.push(`\n${time(step.atMs)}Z  ${step.label}`);
    for (const line of outcomeLines(step.outcome)) out.push(indent(line, '    decision: '));
    if (step.error) out.push(`    error: ${step.error}`);
    for (const a of step.actions) {
      out.push(`    action ${a.type} [${a.status}] ${JSON.stringify(a.before)} -> ${JSON.stringify(a.after)}${a.error ? ` (${a.error})` : ''}`);
      out.push(`      why: ${a.reason}`);
    }
    for (const s of step.slack) out.push(`    slack ${s.op}:\n${indent(s.text, '      | ')}`);
    if (step.fleetTarget !== undefined) out.push(`    fleet target capacity now ${step.fleetTarget} units`);
  }
  return out.join('\n');
};
