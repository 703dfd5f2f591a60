/** Contract of NotifierPort: what the app may rely on from the Slack twin and from both Slack adapters. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderIncidentMessage } from '../../layers/core/incident-message';
import { NotifierError, type ChatMessage, type NotifierPort } from '../../layers/ports/notifier-port';
import { makeIncident, WARNING_AT_MS } from '../helpers/incident-fixtures';

export interface ShownMessage {
  text?: string;
  blocks?: unknown[];
  /** Texts of its thread replies, oldest first. */
  replies: string[];
}

/** One implementation under test, with a way to see the channel as on-call would and to make Slack misbehave. */
export interface NotifierContractSubject {
  notifier: NotifierPort;
  /** A channel that exists and the notifier may post to. */
  channel: string;
  /** Top-level messages of `channel` as Slack shows them now, oldest first. */
  shown(): ShownMessage[];
  /** The channel is deleted (or the bot removed): later posts fail. */
  removeChannel(): void;
  /** Slack keeps rate-limiting, longer than any retry budget. */
  rateLimitPersistently(): void;
  close?(): Promise<void>;
}

const rejection = async (promise: Promise<unknown>): Promise<NotifierError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotifierError);
  return error as NotifierError;
};

export const describeNotifierContract = (implementation: string, makeSubject: () => Promise<NotifierContractSubject>): void => {
  describe(`NotifierPort contract: ${implementation}`, () => {
    let subject: NotifierContractSubject;
    let message: ChatMessage;

    beforeEach(async () => {
      subject = await makeSubject();
      message = renderIncidentMessage(makeIncident(), subject.channel, WARNING_AT_MS + 33_000);
    });
    afterEach(async () => {
      await subject.close?.();
    });

    it('shows a posted incident message in the channel, blocks and all', async () => {
      // Act
      const ref = await subject.notifier.post(message);

      // Assess
      expect(subject.shown()).toEqual([{ text: message.text, blocks: message.blocks, replies: [] }]);
      expect(ref.ts === undefined).toBe(!subject.notifier.supportsUpdates);
    });

    it('replaces the message in place on update and threads replies under it, when it supports updates', async () => {
      // Prepare
      const ref = await subject.notifier.post(message);
      const closed = { ...message, text: 'closed: instance terminated', blocks: undefined };

      // Act
      const update = subject.notifier.update(ref, closed);
      const reply = subject.notifier.reply(ref, { channel: subject.channel, text: 'Instance state change received' });

      // Assess
      if (subject.notifier.supportsUpdates) {
        await update;
        expect((await reply).ts).toBeDefined();
        expect(subject.shown()).toEqual([{ text: 'closed: instance terminated', replies: ['Instance state change received'] }]);
      } else {
        expect(await rejection(update)).toMatchObject({ code: 'not_supported', retryable: false });
        expect(await rejection(reply)).toMatchObject({ code: 'not_supported', retryable: false });
        expect(subject.shown()).toHaveLength(1);
      }
    });

    it('refuses to update or reply without the message ts', async () => {
      // Act
      const error = await rejection(subject.notifier.update({ channel: subject.channel }, message));

      // Assess
      expect(error.retryable).toBe(false);
      expect(error.code).toBe(subject.notifier.supportsUpdates ? 'missing_ts' : 'not_supported');
    });

    it('rejects more than 50 blocks as a payload error that retrying will not fix', async () => {
      // Prepare
      const blocks = Array.from({ length: 51 }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `line ${i}` } }));

      // Act
      const error = await rejection(subject.notifier.post({ channel: subject.channel, text: 'too many blocks', blocks }));

      // Assess
      expect(error.retryable).toBe(false);
      expect(error.code).toBe(subject.notifier.supportsUpdates ? 'invalid_blocks' : 'invalid_payload');
      expect(subject.shown()).toEqual([]);
    });

    it('reports a channel that is gone as channel_not_found, not retryable', async () => {
      // Prepare
      subject.removeChannel();

      // Act
      const error = await rejection(subject.notifier.post(message));

      // Assess
      expect(error).toMatchObject({ code: 'channel_not_found', retryable: false });
    });

    it('reports a rate limit that outlasts the retries as a retryable error', async () => {
      // Prepare
      subject.rateLimitPersistently();

      // Act
      const error = await rejection(subject.notifier.post(message));

      // Assess
      expect(error.retryable).toBe(true);
      expect(['ratelimited', 'rate_limited']).toContain(error.code);
    });
  });
};
