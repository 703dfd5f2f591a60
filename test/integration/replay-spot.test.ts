// `npm start`: the embedded replay runs the real handler on twins and tells the incident in the right order.
import { describe, expect, it } from 'vitest';
import { formatTranscript } from '../../cli/replay/print-transcript';
import { runSpotReplay } from '../../cli/replay/run-spot-replay';

describe('replay spot', () => {
  it('surges on the recommendation, drains after the lead time, ignores duplicates and foreign instances, and undoes the surge', async () => {
    // Act
    const steps = await runSpotReplay();
    // Assess
    const byLabel = (label: string) => steps.find((s) => s.label.startsWith(label));
    expect(steps.every((s) => s.error === undefined)).toBe(true);
    expect(byLabel('rebalance recommendation')?.actions.map((a) => a.type)).toEqual(
      expect.arrayContaining(['modify-fleet-capacity', 'schedule-follow-up']),
    );
    expect(byLabel('follow-up: drain-after-replacement')?.actions.map((a) => a.type)).toEqual(['tag-drain']);
    expect(byLabel('spot warning for an unmanaged instance')?.slack).toEqual([]);
    expect(byLabel('the same warning delivered again')?.actions).toEqual([]);
    expect(byLabel('the same warning delivered again')?.slack).toEqual([]);
    expect(byLabel('state change: shutting-down')?.actions.map((a) => a.after)).toEqual([{ totalTargetCapacity: 1224, avoidPools: [] }]);
    const slack = steps.flatMap((s) => s.slack.map((m) => m.op));
    expect(slack.filter((op) => op === 'post')).toHaveLength(1);
    expect(formatTranscript(steps)).toContain('fleet target capacity now 1224 units');
  });

  it('posts one message per change and no updates through an incoming webhook', async () => {
    const steps = await runSpotReplay({ slackUpdates: false });
    const ops = steps.flatMap((s) => s.slack.map((m) => m.op));
    expect(ops.every((op) => op === 'post')).toBe(true);
    expect(ops.length).toBeGreaterThan(1);
  });

  it('changes nothing in dry-run and says what it would have done', async () => {
    const steps = await runSpotReplay({ dryRun: true });
    const statuses = steps.flatMap((s) => s.actions.filter((a) => a.type !== 'schedule-follow-up').map((a) => a.status));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 'dry-run')).toBe(true);
    expect(steps.every((s) => s.fleetTarget === 1224)).toBe(true);
  });
});
