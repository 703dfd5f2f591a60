/** Runs the NotifierPort contract against the in-memory Slack twin, in bot mode and in webhook mode. */
import { InMemoryNotifier } from '../../layers/twins/in-memory-notifier';
import { describeNotifierContract, type NotifierContractSubject } from './notifier.contract';

const CHANNEL = 'C0AUTOPILOT';

const subjectFor = (supportsUpdates: boolean): NotifierContractSubject => {
  const twin = new InMemoryNotifier({ supportsUpdates, channels: [CHANNEL] });
  return {
    notifier: twin,
    channel: CHANNEL,
    shown: () =>
      twin.channelMessages(CHANNEL).map((m) => ({
        text: m.text,
        blocks: m.blocks,
        replies: twin.thread({ channel: CHANNEL, ts: m.ts }).map((r) => r.text),
      })),
    removeChannel: () => twin.removeChannel(CHANNEL),
    rateLimitPersistently: () => twin.failNext('ratelimited', true, { times: 100 }),
  };
};

describeNotifierContract('InMemoryNotifier (bot mode)', async () => subjectFor(true));
describeNotifierContract('InMemoryNotifier (webhook mode)', async () => subjectFor(false));
