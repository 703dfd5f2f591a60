// ChannelPacer: one send per second per channel, queued in order, never dropped.
import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../../../layers/adapters/slack/channel-pacer';
import { RecordingClock } from '../../../helpers/recording-clock';

describe('ChannelPacer', () => {
  it('queues sends to one channel a second apart, in the order they came, dropping none', async () => {
    // Prepare
    const clock = new RecordingClock();
    const pacer = new ChannelPacer(clock);
    const sentAt: Array<[string, number]> = [];

    // Act
    await Promise.all(
      ['first', 'second', 'third'].map((name) => pacer.run('C0AUTOPILOT', async () => sentAt.push([name, clock.nowMs()]))),
    );

    // Assess
    const start = sentAt[0]?.[1] ?? 0;
    expect(sentAt).toEqual([
      ['first', start],
      ['second', start + 1000],
      ['third', start + 2000],
    ]);
  });

  it('does not make one channel wait for another', async () => {
    // Prepare
    const clock = new RecordingClock();
    const pacer = new ChannelPacer(clock);

    // Act
    await Promise.all(['C0AUTOPILOT', 'C0BATCH', 'C0RERANK'].map((channel) => pacer.run(channel, async () => channel)));

    // Assess
    expect(clock.sleeps).toEqual([]);
  });

  it('only waits for what is left of the interval', async () => {
    // Prepare
    const clock = new RecordingClock();
    const pacer = new ChannelPacer(clock);
    await pacer.run('C0AUTOPILOT', async () => undefined);
    await clock.sleep(400);

    // Act
    await pacer.run('C0AUTOPILOT', async () => undefined);

    // Assess
    expect(clock.sleeps).toEqual([400, 600]);
  });

  it('lets the queue move on after a send fails', async () => {
    // Prepare
    const clock = new RecordingClock();
    const pacer = new ChannelPacer(clock);

    // Act
    const failed = pacer.run('C0AUTOPILOT', async () => {
      throw new Error('channel_not_found');
    });
    const next = pacer.run('C0AUTOPILOT', async () => 'posted');

    // Assess
    await expect(failed).rejects.toThrow('channel_not_found');
    await expect(next).resolves.toBe('posted');
  });
});
