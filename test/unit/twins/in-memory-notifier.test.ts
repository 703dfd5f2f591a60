// InMemoryNotifier behaviours beyond the contract: edit history, threads, failure injection, reset.
import { describe, expect, it } from 'vitest';
import { NotifierError } from '../../../layers/ports/notifier-port';
import { InMemoryNotifier } from '../../../layers/twins/in-memory-notifier';

const CHANNEL = 'C0AUTOPILOT';

describe('InMemoryNotifier', () => {
  it('keeps every replaced version of an updated message, oldest first', async () => {
    // Prepare
    const slack = new InMemoryNotifier();
    const ref = await slack.post({ channel: CHANNEL, text: 'rebalance recommended' });

    // Act
    await slack.update(ref, { channel: CHANNEL, text: 'interruption warning' });
    await slack.update(ref, { channel: CHANNEL, text: 'closed' });

    // Assess
    expect(slack.find(ref)).toMatchObject({
      text: 'closed',
      history: [{ text: 'rebalance recommended' }, { text: 'interruption warning' }],
    });
  });

  it('threads a reply to a reply under the parent, as Slack does', async () => {
    // Prepare
    const slack = new InMemoryNotifier();
    const parent = await slack.post({ channel: CHANNEL, text: 'incident' });
    const first = await slack.reply(parent, { channel: CHANNEL, text: 'warning received' });

    // Act
    await slack.reply(first, { channel: CHANNEL, text: 'instance terminated' });

    // Assess
    expect(slack.thread(parent).map((m) => m.text)).toEqual(['warning received', 'instance terminated']);
    expect(slack.channelMessages(CHANNEL)).toHaveLength(1);
  });

  it('fails only the operation it was told to, then works again', async () => {
    // Prepare
    const slack = new InMemoryNotifier();
    const ref = await slack.post({ channel: CHANNEL, text: 'incident' });
    slack.failNext('internal_error', true, { operation: 'update' });

    // Act
    const posted = await slack.post({ channel: CHANNEL, text: 'another incident' });
    const failed = await slack.update(ref, { channel: CHANNEL, text: 'x' }).catch((e: unknown) => e);
    await slack.update(ref, { channel: CHANNEL, text: 'surge applied' });

    // Assess
    expect(posted.ts).toBeDefined();
    expect(failed).toBeInstanceOf(NotifierError);
    expect(failed).toMatchObject({ code: 'internal_error', retryable: true });
    expect(slack.find(ref)?.text).toBe('surge applied');
  });

  it('rejects a section text over 3000 characters like Slack', async () => {
    // Prepare
    const slack = new InMemoryNotifier();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];

    // Act
    const error = await slack.post({ channel: CHANNEL, text: 'long', blocks }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'invalid_blocks', retryable: false });
  });

  it('forgets messages, failures and removed channels on reset', async () => {
    // Prepare
    const slack = new InMemoryNotifier({ channels: [CHANNEL] });
    await slack.post({ channel: CHANNEL, text: 'incident' });
    slack.removeChannel(CHANNEL);
    slack.failNext('ratelimited', true);

    // Act
    slack.reset();
    const ref = await slack.post({ channel: CHANNEL, text: 'after reset' });

    // Assess
    expect(slack.channelMessages(CHANNEL).map((m) => m.text)).toEqual(['after reset']);
    expect(ref.ts).toBe('1767225600.000001');
  });

  it('acts like a webhook when it does not support updates: no ts, no update', async () => {
    // Prepare
    const slack = new InMemoryNotifier({ supportsUpdates: false });

    // Act
    const ref = await slack.post({ channel: CHANNEL, text: 'incident' });
    const error = await slack.update({ channel: CHANNEL, ts: '1767225600.000001' }, { channel: CHANNEL, text: 'x' }).catch((e: unknown) => e);

    // Assess
    expect(ref).toEqual({ channel: CHANNEL });
    expect(error).toMatchObject({ code: 'not_supported', retryable: false });
  });
});
