/** Runs the NotifierPort contract against SlackWebhookNotifier talking to a local server that answers like Slack. */
import { SlackWebhookNotifier } from '../../layers/adapters/slack/slack-webhook-notifier';
import { FakeSlackServer } from '../helpers/fake-slack-server';
import { RecordingClock } from '../helpers/recording-clock';
import { describeNotifierContract } from './notifier.contract';

describeNotifierContract('SlackWebhookNotifier', async () => {
  const slack = await FakeSlackServer.start();
  const notifier = new SlackWebhookNotifier({ getWebhookUrl: async () => slack.webhookUrl, clock: new RecordingClock() });
  return {
    notifier,
    channel: slack.channel.id,
    shown: () =>
      slack.topLevel().map((m) => ({ text: m.text, blocks: m.blocks, replies: slack.repliesTo(m.ts).map((r) => r.text ?? '') })),
    removeChannel: () => slack.removeChannel(),
    rateLimitPersistently: () => slack.rateLimitNext(100, 1),
    close: () => slack.close(),
  };
});
