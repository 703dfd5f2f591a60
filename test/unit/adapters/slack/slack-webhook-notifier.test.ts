// SlackWebhookNotifier against a local server that answers like Slack's incoming webhooks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackWebhookNotifier, type SlackWebhookNotifierOptions } from '../../../../layers/adapters/slack/slack-webhook-notifier';
import { NotifierError } from '../../../../layers/ports/notifier-port';
import { FakeSlackServer } from '../../../helpers/fake-slack-server';
import { RecordingClock } from '../../../helpers/recording-clock';

const failure = async (promise: Promise<unknown>): Promise<NotifierError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotifierError);
  return error as NotifierError;
};

const everythingIn = (error: NotifierError): string =>
  `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)} ${String(error.cause)}`;

describe('SlackWebhookNotifier', () => {
  let slack: FakeSlackServer;
  let clock: RecordingClock;
  const make = (options: Partial<SlackWebhookNotifierOptions> = {}): SlackWebhookNotifier =>
    new SlackWebhookNotifier({ getWebhookUrl: async () => slack.webhookUrl, clock, ...options });

  beforeEach(async () => {
    slack = await FakeSlackServer.start();
    clock = new RecordingClock();
  });
  afterEach(async () => {
    await slack.close();
  });

  it('posts text and blocks as JSON to the webhook URL and returns a ref without ts', async () => {
    // Prepare
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*What happened*' } }];

    // Act
    const ref = await make().post({ channel: 'C0AUTOPILOT', text: 'Spot interruption', blocks });

    // Assess
    const [request] = slack.requests;
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.headers.authorization).toBeUndefined();
    expect(JSON.parse(request?.body ?? '')).toEqual({ text: 'Spot interruption', blocks });
    expect(ref).toEqual({ channel: 'C0AUTOPILOT' });
  });

  it('gives a revoked webhook (no_service) as non-retryable, without the URL in the error', async () => {
    // Prepare
    const revoked = `${slack.url}/services/T0FAKE0001/B0FAKE0001/RevokedSecretPart0000000`;

    // Act
    const error = await failure(make({ getWebhookUrl: async () => revoked }).post({ channel: 'C0AUTOPILOT', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'no_service', retryable: false });
    expect(everythingIn(error)).not.toContain('RevokedSecretPart0000000');
  });

  it('gives an archived-or-deleted channel as channel_not_found, not retryable', async () => {
    // Prepare
    slack.removeChannel();

    // Act
    const error = await failure(make().post({ channel: 'C0AUTOPILOT', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'channel_not_found', retryable: false });
    expect(error.message).toContain('HTTP 404');
  });

  it('retries rollup_error (HTTP 500) with backoff and succeeds', async () => {
    // Prepare
    slack.failNext(1, 500);

    // Act
    await make().post({ channel: 'C0AUTOPILOT', text: 'opened' });

    // Assess
    expect(clock.sleeps).toEqual([500]);
    expect(slack.topLevel()).toHaveLength(1);
  });

  it('honours Retry-After on a 429', async () => {
    // Prepare
    slack.rateLimitNext(2, 3);

    // Act
    await make().post({ channel: 'C0AUTOPILOT', text: 'opened' });

    // Assess
    expect(clock.sleeps).toEqual([3000, 3000]);
  });

  it('paces posts one second apart, in order', async () => {
    // Prepare
    const notifier = make();

    // Act
    await Promise.all(['first', 'second', 'third'].map((text) => notifier.post({ channel: 'C0AUTOPILOT', text })));

    // Assess
    expect(clock.sleeps).toEqual([1000, 1000]);
    expect(slack.topLevel().map((m) => m.text)).toEqual(['first', 'second', 'third']);
  });

  it('keeps the URL out of a network error', async () => {
    // Prepare
    const unreachable = 'http://127.0.0.1:1/services/T0FAKE0001/B0FAKE0001/UnreachableSecret0000000';

    // Act
    const error = await failure(make({ getWebhookUrl: async () => unreachable, maxRetries: 0 }).post({ channel: 'C', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'network_error', retryable: true });
    expect(everythingIn(error)).not.toContain('UnreachableSecret0000000');
  });

  it('keeps a malformed URL out of the error, and does not retry it', async () => {
    // Prepare
    const schemeless = 'hooks.slack.com/services/T0FAKE0001/B0FAKE0001/SchemelessSecret0000000';

    // Act
    const error = await failure(make({ getWebhookUrl: async () => schemeless }).post({ channel: 'C', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'invalid_request', retryable: false });
    expect(everythingIn(error)).not.toContain('SchemelessSecret0000000');
    expect(clock.sleeps).toEqual([]);
  });

  it('gives a post that times out as a retryable error without posting it again', async () => {
    // Prepare
    slack.hangNext(1);

    // Act
    const error = await failure(make({ timeoutMs: 200 }).post({ channel: 'C0AUTOPILOT', text: 'opened' }));

    // Assess: a retry would have backed off first
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(clock.sleeps).toEqual([]);
    expect(slack.topLevel()).toEqual([]);
  });

  it('cannot update or reply, and says so', async () => {
    // Prepare
    const notifier = make();

    // Act
    const update = await failure(notifier.update({ channel: 'C0AUTOPILOT' }, { channel: 'C0AUTOPILOT', text: 'x' }));
    const reply = await failure(notifier.reply({ channel: 'C0AUTOPILOT' }, { channel: 'C0AUTOPILOT', text: 'x' }));

    // Assess
    expect(notifier.supportsUpdates).toBe(false);
    expect(update.message).toContain('incoming webhooks cannot update a message');
    expect(reply.message).toContain('incoming webhooks cannot reply in a thread');
    expect(slack.requests).toHaveLength(0);
  });
});
