// SlackBotNotifier against a local server that answers like Slack: auth, threads, 429s, pacing, timeouts, secrecy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackBotNotifier, type SlackBotNotifierOptions } from '../../../../layers/adapters/slack/slack-bot-notifier';
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

describe('SlackBotNotifier', () => {
  let slack: FakeSlackServer;
  let clock: RecordingClock;
  const make = (options: Partial<SlackBotNotifierOptions> = {}): SlackBotNotifier =>
    new SlackBotNotifier({ getToken: async () => slack.token, baseUrl: slack.apiUrl, clock, ...options });

  beforeEach(async () => {
    slack = await FakeSlackServer.start();
    clock = new RecordingClock();
  });
  afterEach(async () => {
    await slack.close();
  });

  it('posts JSON with the bot token as a Bearer header and returns the channel id and ts', async () => {
    // Act
    const ref = await make().post({ channel: '#gpu-autopilot', text: 'Spot interruption: bert-large-search' });

    // Assess
    const [request] = slack.requests;
    expect(request?.path).toBe('/api/chat.postMessage');
    expect(request?.headers.authorization).toBe(`Bearer ${slack.token}`);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(request?.body ?? '')).toEqual({ channel: '#gpu-autopilot', text: 'Spot interruption: bert-large-search' });
    expect(ref).toEqual({ channel: 'C0AUTOPILOT', ts: '1773457920.000001' });
  });

  it('updates with chat.update and replies with thread_ts on the channel id Slack returned', async () => {
    // Prepare
    const notifier = make();
    const ref = await notifier.post({ channel: 'gpu-autopilot', text: 'opened' });

    // Act
    await notifier.update(ref, { channel: 'gpu-autopilot', text: 'surge applied' });
    const reply = await notifier.reply(ref, { channel: 'gpu-autopilot', text: 'Instance state change received' });

    // Assess
    expect(slack.requests.map((r) => r.path)).toEqual(['/api/chat.postMessage', '/api/chat.update', '/api/chat.postMessage']);
    expect(JSON.parse(slack.requests[1]?.body ?? '')).toEqual({ channel: 'C0AUTOPILOT', ts: ref.ts, text: 'surge applied' });
    expect(JSON.parse(slack.requests[2]?.body ?? '')).toMatchObject({ channel: 'C0AUTOPILOT', thread_ts: ref.ts });
    expect(slack.topLevel()[0]).toMatchObject({ text: 'surge applied', edits: 1 });
    expect(slack.repliesTo(ref.ts ?? '')).toEqual([expect.objectContaining({ ts: reply.ts })]);
  });

  it('waits the Retry-After of a 429 and then posts once', async () => {
    // Prepare
    slack.rateLimitNext(1, 7);

    // Act
    await make().post({ channel: 'C0AUTOPILOT', text: 'opened' });

    // Assess
    expect(clock.sleeps).toEqual([7000]);
    expect(slack.requests).toHaveLength(2);
    expect(slack.topLevel()).toHaveLength(1);
  });

  it('does not wait out a Retry-After longer than allowed: the caller gets a retryable error', async () => {
    // Prepare
    slack.rateLimitNext(1, 120);

    // Act
    const error = await failure(make({ maxRetryAfterSeconds: 30 }).post({ channel: 'C0AUTOPILOT', text: 'opened' }));

    // Assess
    expect(error).toMatchObject({ code: 'ratelimited', retryable: true });
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a 5xx with backoff and succeeds', async () => {
    // Prepare
    slack.failNext(2, 503);

    // Act
    const ref = await make().post({ channel: 'C0AUTOPILOT', text: 'opened' });

    // Assess
    expect(ref.ts).toBeDefined();
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it('gives a bad token as invalid_auth, not retryable, without the token anywhere in the error', async () => {
    // Prepare
    const wrongToken = 'xoxb-999999999999-888888888888-StaleRotatedTokenValue';

    // Act
    const error = await failure(make({ getToken: async () => wrongToken }).post({ channel: 'C0AUTOPILOT', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'invalid_auth', retryable: false });
    const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)} ${String(error.cause)}`;
    expect(everything).not.toContain(wrongToken);
    expect(everything).not.toContain(slack.token);
  });

  it('keeps a token a header cannot carry out of the error, and does not retry it', async () => {
    // Prepare
    const brokenToken = 'xoxb-111111111111-222222222222-Broken\u0000TokenValue';

    // Act
    const error = await failure(make({ getToken: async () => brokenToken }).post({ channel: 'C0AUTOPILOT', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'invalid_request', retryable: false });
    expect(`${error.message} ${String(error.cause)}`).not.toContain('TokenValue');
    expect(clock.sleeps).toEqual([]);
  });

  it('paces two posts to one channel a second apart, and does not pace other channels', async () => {
    // Prepare
    const notifier = make();

    // Act
    await Promise.all([
      notifier.post({ channel: 'C0AUTOPILOT', text: 'first' }),
      notifier.post({ channel: 'C0AUTOPILOT', text: 'second' }),
      notifier.post({ channel: 'C0OTHER', text: 'elsewhere' }).catch(() => undefined),
    ]);

    // Assess
    expect(clock.sleeps).toEqual([1000]);
    expect(slack.topLevel().map((m) => m.text)).toEqual(['first', 'second']);
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

  it('retries an update that timed out, since updating twice does no harm', async () => {
    // Prepare
    const notifier = make({ timeoutMs: 200 });
    const ref = await notifier.post({ channel: 'C0AUTOPILOT', text: 'opened' });
    slack.hangNext(1);

    // Act
    await notifier.update(ref, { channel: 'C0AUTOPILOT', text: 'closed' });

    // Assess
    expect(slack.topLevel()[0]?.text).toBe('closed');
    expect(clock.sleeps).toContain(500);
  });

  it('gives an unreachable Slack as a retryable network error after its retries', async () => {
    // Prepare
    const notifier = make({ baseUrl: 'http://127.0.0.1:1/api', maxRetries: 2 });

    // Act
    const error = await failure(notifier.post({ channel: 'C0AUTOPILOT', text: 'opened' }));

    // Assess
    expect(error).toMatchObject({ code: 'network_error', retryable: true });
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it('gives a token that cannot be read as a retryable error', async () => {
    // Act
    const error = await failure(
      make({ getToken: () => Promise.reject(new Error('ThrottlingException')) }).post({ channel: 'C0AUTOPILOT', text: 'x' }),
    );

    // Assess
    expect(error).toMatchObject({ code: 'token_unavailable', retryable: true });
    expect(slack.requests).toHaveLength(0);
  });
});
