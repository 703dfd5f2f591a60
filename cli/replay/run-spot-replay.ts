/** Replay the embedded spot incident through the real handler on twins; returns a transcript, prints nothing. */
import type { ActionRecord } from '../../layers/ports/ledger-port';
import type { ChatMessage, MessageRef, NotifierPort } from '../../layers/ports/notifier-port';
import { followUpEvent } from '../../layers/core/follow-up-event';
import { makeHandler } from '../../functions/spot-interruption/make-handler';
import { replayLambdaContext } from './replay-lambda-context';
import { silentLogger } from '../../sim/silent-logger';
import { twinWorld } from '../../sim/twin-world';
import * as scenario from './spot-scenario';

export interface SlackOperation {
  op: 'post' | 'update' | 'reply';
  text: string;
}

export interface TranscriptStep {
  atMs: number;
  label: string;
  outcome: unknown;
  error?: string;
  actions: ActionRecord[];
  slack: SlackOperation[];
  fleetTarget?: number;
}

/** Records what the handler sends to Slack, then delivers it to the twin. */
class RecordingNotifier implements NotifierPort {
  readonly ops: SlackOperation[] = [];
  constructor(private readonly inner: NotifierPort) {}
  get supportsUpdates(): boolean {
    return this.inner.supportsUpdates;
  }
  post(message: ChatMessage): Promise<MessageRef> {
    this.ops.push({ op: 'post', text: message.text });
    return this.inner.post(message);
  }
  update(ref: MessageRef, message: ChatMessage): Promise<void> {
    this.ops.push({ op: 'update', text: message.text });
    return this.inner.update(ref, message);
  }
  reply(ref: MessageRef, message: ChatMessage): Promise<MessageRef> {
    this.ops.push({ op: 'reply', text: message.text });
    return this.inner.reply(ref, message);
  }
}

export const runSpotReplay = async (options: { slackUpdates?: boolean; dryRun?: boolean } = {}): Promise<TranscriptStep[]> => {
  const probe = twinWorld({ startMs: scenario.START_MS, fleets: [], fleetSeeds: [] });
  const queueUrl = probe.queue.createQueue(scenario.QUEUE_NAME);
  const fleet = scenario.fleetConfig(queueUrl);
  const world = twinWorld({
    startMs: scenario.START_MS,
    fleets: [{ ...fleet, dryRun: options.dryRun ?? false }],
    fleetSeeds: [scenario.fleetSeed(fleet)],
    instanceSeeds: scenario.instanceSeeds(fleet),
    slackUpdates: options.slackUpdates ?? true,
  });
  world.queue.createQueue(scenario.QUEUE_NAME);
  const notifier = new RecordingNotifier(world.notifier);
  const deps = { ...world.deps, notifier };
  const handler = makeHandler(deps, silentLogger());
  const feedDemand = (untilMs: number): void => {
    for (let t = untilMs - 10 * 60_000; t <= untilMs; t += 60_000) world.metrics.put(queueUrl, t, scenario.ARRIVALS_PER_MINUTE);
  };
  const steps: TranscriptStep[] = [];
  const run = async (atMs: number, label: string, event: unknown): Promise<void> => {
    world.clock.set(Math.max(world.clock.nowMs(), atMs));
    world.fleet.fulfil(world.clock.nowMs());
    feedDemand(world.clock.nowMs());
    const before = world.ledger.actions().length;
    const opsBefore = notifier.ops.length;
    const step: TranscriptStep = { atMs: world.clock.nowMs(), label, outcome: undefined, actions: [], slack: [] };
    try {
      step.outcome = await handler(event, replayLambdaContext(scenario.REGION, scenario.ACCOUNT, 'replay'));
    } catch (error) {
      step.error = error instanceof Error ? error.message : String(error);
    }
    // Pending markers guard against a crash between ModifyFleet and its record: not actions of their own.
    step.actions = world.ledger.actions().slice(before).filter((a) => a.status !== 'pending');
    step.slack = notifier.ops.slice(opsBefore);
    step.fleetTarget = (await world.fleet.describeFleet(fleet.fleetId))?.totalTargetCapacity;
    steps.push(step);
  };
  world.fleet.fulfil(scenario.START_MS);
  for (const entry of scenario.timeline()) {
    for (const due of world.scheduler.due(entry.atMs)) {
      const event = followUpEvent({ name: due.name, atMs: due.atMs, account: scenario.ACCOUNT, region: scenario.REGION, detail: due.detail });
      await run(due.atMs, `follow-up: ${due.detail.purpose}`, event);
    }
    if (entry.label.startsWith('state change: shutting-down')) world.fleet.terminate(scenario.VICTIM);
    await run(entry.atMs, entry.label, entry.event);
  }
  return steps;
};

