// `autopilot replay incident`: the spot-interruption function and the worker agents, together on twins, lose nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatIncident } from '../../cli/replay/incident-print';
import { runIncidentReplay, type IncidentReplay } from '../../cli/replay/incident-replay';
import * as scenario from '../../cli/replay/incident-scenario';
import type { TimelineKind } from '../../cli/replay/incident-timeline';

let replay: IncidentReplay;

beforeAll(async () => {
  // Act (once: the replay is deterministic and every test reads the same run)
  replay = await runIncidentReplay();
});

const first = (kind: TimelineKind) => {
  const index = replay.timeline.findIndex((e) => e.kind === kind);
  if (index < 0) throw new Error(`no ${kind} in the timeline:\n${formatIncident(replay)}`);
  return { index, entry: replay.timeline[index] };
};

describe('replay incident', () => {
  it('loses no request: every one sent was served, is still queued or is in the DLQ', () => {
    // Assess
    const { tally } = replay;
    expect(tally.lost).toBe(0);
    expect(tally.lostIds).toEqual([]);
    expect(tally.served + tally.queued + tally.deadLettered).toBe(tally.sent);
    expect(tally.sent).toBeGreaterThan(20_000);
    expect(replay.handlerErrors).toEqual([]);
  });

  it('tells the incident in order: notice, surge, replacement serving, drain tag, agent drain, terminated, surge undone', () => {
    // Assess
    const order: TimelineKind[] = ['notice', 'surge', 'replacement-serving', 'drain-tag', 'drain-started', 'drain-finished', 'agent-exited', 'terminated', 'surge-undone'];
    const indexes = order.map((kind) => first(kind).index);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(first('surge').entry?.text).toBe('surge: fleet target 90 -> 120 units');
    expect(first('surge-undone').entry?.text).toBe('surge undone: fleet target 120 -> 90 units');
  });

  it('drains the victim through its own agent, before the interruption, accounting for every message it held', () => {
    // Assess
    const started = first('drain-started').entry;
    const finished = first('drain-finished').entry;
    expect(started?.text).toContain(`agent on ${scenario.VICTIM}: drain started (drain-tag`);
    const held = Number(/with (\d+) messages in flight/.exec(started?.text ?? '')?.[1]);
    const [, of, done, released] = /of (\d+) in flight, (\d+) finished, (\d+) released/.exec(finished?.text ?? '') ?? [];
    expect(Number(of)).toBe(held);
    expect(Number(done) + Number(released)).toBe(held);
    expect(Number(released)).toBeGreaterThan(0);
    expect(finished?.atMs).toBeLessThan(scenario.INTERRUPTION_AT_MS);
    expect(first('agent-exited').entry?.text).toContain('exited 0');
    expect(replay.timeline.some((e) => e.kind === 'sigterm')).toBe(false);
  });

  it('prints the final line with lost and duplicates', () => {
    // Act
    const text = formatIncident(replay);
    // Assess
    const last = text.split('\n').at(-1);
    const { sent, served, queued, duplicates } = replay.tally;
    expect(last).toBe(`requests sent ${sent}, served ${served}, still queued ${queued}, lost 0, duplicates ${duplicates}`);
    expect(duplicates).toBe(0);
  });
});
