// What the drain watcher reports: each notice once, changes again, IMDS errors as neither notice nor removal.
import { describe, expect, it } from 'vitest';
import { DrainWatcher, type DrainNotice } from '../../../agent/drain-sources';
import { DRAIN_INCIDENT_TAG, DRAIN_REASON_TAG, DRAIN_TAG } from '../../../layers/core/drain-protocol';
import { InMemoryInstanceMetadata } from '../../../layers/twins/in-memory-instance-metadata';
import { RecordingLogger } from '../../../layers/twins/recording-logger';
import { ManualSignals } from './agent-harness';
import { VirtualClock } from '../../../layers/twins/virtual-clock';

const watcherOn = (imds: InMemoryInstanceMetadata, options: { drainOnRebalance?: boolean } = {}) => {
  const clock = new VirtualClock();
  const notices: DrainNotice[] = [];
  let removals = 0;
  const signals = new ManualSignals();
  const watcher = new DrainWatcher({
    imds,
    clock,
    logger: new RecordingLogger(),
    signals,
    imdsPollSeconds: 2,
    drainOnRebalance: options.drainOnRebalance ?? false,
    sigtermGraceSeconds: 30,
    onNotice: (notice) => notices.push(notice),
    onDrainTagRemoved: () => (removals += 1),
  });
  return { watcher, clock, notices, signals, removals: () => removals };
};

describe('DrainWatcher', () => {
  it('reports the drain tag with the deadline, incident and reason of the drain protocol, once per value', async () => {
    // Prepare
    const imds = new InMemoryInstanceMetadata();
    const { watcher, notices } = watcherOn(imds);
    imds.setTag(DRAIN_TAG, '2026-03-14T03:14:00.000Z');
    imds.setTag(DRAIN_INCIDENT_TAG, 'inc-7');
    imds.setTag(DRAIN_REASON_TAG, 'rebalance-recommendation');

    // Act
    await watcher.poll();
    await watcher.poll();
    imds.setTag(DRAIN_TAG, '2026-03-14T03:13:30.000Z');
    await watcher.poll();

    // Assess
    expect(notices).toEqual([
      { source: 'drain-tag', deadlineMs: Date.parse('2026-03-14T03:14:00.000Z'), detail: 'rebalance-recommendation (incident inc-7)' },
      { source: 'drain-tag', deadlineMs: Date.parse('2026-03-14T03:13:30.000Z'), detail: 'rebalance-recommendation (incident inc-7)' },
    ]);
  });

  it('takes an IMDS failure for nothing, and only an absent tag for a removal', async () => {
    // Prepare
    const imds = new InMemoryInstanceMetadata();
    const { watcher, removals } = watcherOn(imds);
    imds.setTag(DRAIN_TAG, '2026-03-14T03:14:00.000Z');
    await watcher.poll();
    imds.failNext('timeout', { read: 'tag' });

    // Act
    await watcher.poll();
    const afterFailure = removals();
    imds.setTag(DRAIN_TAG, undefined);
    await watcher.poll();

    // Assess
    expect(afterFailure).toBe(0);
    expect(removals()).toBe(1);
  });

  it('ignores a drain tag that is not a date', async () => {
    // Prepare
    const imds = new InMemoryInstanceMetadata();
    const { watcher, notices } = watcherOn(imds);
    imds.setTag(DRAIN_TAG, 'soon');

    // Act
    await watcher.poll();

    // Assess
    expect(notices).toEqual([]);
  });

  it('reports the spot instance-action at its time, and a rebalance recommendation 120 s out only when asked', async () => {
    // Prepare
    const imds = new InMemoryInstanceMetadata();
    const ignoring = watcherOn(imds);
    const draining = watcherOn(imds, { drainOnRebalance: true });
    imds.setRebalance(draining.clock.nowMs() - 5_000);
    imds.setSpotAction({ action: 'stop', atMs: draining.clock.nowMs() + 120_000 });

    // Act
    await ignoring.watcher.poll();
    await draining.watcher.poll();
    await draining.watcher.poll();

    // Assess
    expect(ignoring.notices.map((n) => n.source)).toEqual(['spot-instance-action']);
    expect(draining.notices).toEqual(
      expect.arrayContaining([
        { source: 'spot-instance-action', deadlineMs: draining.clock.nowMs() + 120_000, detail: 'stop' },
        expect.objectContaining({ source: 'rebalance-recommendation', deadlineMs: draining.clock.nowMs() + 120_000 }),
      ]),
    );
    expect(draining.notices).toHaveLength(2);
  });

  it('turns the first SIGTERM into a notice with the configured grace, ignores repeats, and lets go of the signal after', async () => {
    // Prepare
    const { watcher, clock, notices, signals } = watcherOn(new InMemoryInstanceMetadata());
    const stop = new AbortController();
    const running = watcher.run(stop.signal);

    // Act
    signals.send('SIGTERM');
    await clock.advance(5_000);
    signals.send('SIGTERM');
    stop.abort();
    await running;
    signals.send('SIGTERM');

    // Assess
    expect(notices).toEqual([{ source: 'sigterm', deadlineMs: clock.nowMs() - 5_000 + 30_000, detail: 'SIGTERM' }]);
  });
});
