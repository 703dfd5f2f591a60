// Runs one or two agents on twins and a virtual clock through a scenario, and accounts for every request at the end.
import { drainRequestTags } from '../../../layers/core/drain-protocol';
import { InMemoryQueue } from '../../../layers/twins/in-memory-queue';
import { VirtualClock } from '../../../layers/twins/virtual-clock';
import { ScenarioHost, SCENARIO_MODEL } from './scenario-host';
import { ScenarioLedger } from './scenario-ledger';
import type { ScenarioParams } from './scenario-params';

export type { ScenarioParams } from './scenario-params';

const MAX_RECEIVE_COUNT = 5;
/** After the last event, how long the second agent gets to drain the queue before it is stopped anyway. */
const DRAIN_HORIZON_MS = 30 * 60_000;
/** The drain tag's instance is shut down at its deadline: SIGTERM then, power off this much later. */
const SHUTDOWN_GRACE_MS = 2_000;

export interface ScenarioResult {
  sent: number;
  /** Deleted from the work queue with at least one reply. */
  served: number;
  /** Still in the work queue at the end (visible or not). */
  queued: number;
  /** In the DLQ. */
  dlq: number;
  /** The DLQ's messages, each with the reasons the agents' logs gave for handing it back (none: no log line named it). */
  dlqMessages: { messageId: string; poison: boolean; reasons: string[] }[];
  /** Neither served, nor queued, nor in the DLQ: must be 0. */
  lost: number;
  lostIds: string[];
  /** Handles set to visibility 0 by the agents. */
  released: number;
  /** Replies beyond the first, summed over requests. */
  duplicates: number;
  /** Interruptions the agents were given (the scenario's final shutdown of the second agent is not one). */
  notices: number;
  /**
   * Messages SQS showed again only when a visibility timeout ran out, not because an agent handed them back: held by an
   * instance switched off at its deadline (or taken by its poll after), or left undeleted after their reply went out.
   * The only way, with {@link staleDeliveries}, a request is answered twice.
   */
  releasesAfterDeadline: number;
  /** Replies sent for a message another agent had received since: its visibility ran out while this one worked. */
  staleDeliveries: number;
  /** DeleteMessage calls that failed after the reply (each leaves one message to come back late). */
  deleteFailures: number;
  /** Messages long polls took after their caller had abandoned them (hidden from all until their visibility timeout). */
  stranded: number;
  /** The first agent's drain, against its deadline. */
  drain: {
    kind: ScenarioParams['interruption']['kind'];
    noticeSeconds: number;
    /** From the notice to the agent's last release (none: it had nothing left to hand back). */
    noticeToLastReleaseMs: number | undefined;
    acknowledgedBeforeDeadline: boolean;
    /** The drain tag alone does not end the agent: the SIGTERM of the shutdown at the deadline does. */
    endedByDeadline: boolean;
    /** Messages the agent still held when its instance went away at the deadline. */
    heldAtDeadline: number;
  };
  virtualMs: number;
}

interface WorldEvent {
  atMs: number;
  apply: () => void;
}

/**
 * One scenario, deterministic for given params: arrivals enter the work queue (redrive to a DLQ after 5 receives),
 * the first agent is interrupted and switched off at its deadline, the second (if any) starts at its time and, once
 * everything else is over, serves until the queue is empty and is stopped with SIGTERM.
 *
 * @example
 * const [params] = fc.sample(scenarioArbitrary(), { numRuns: 1, seed: 1 });
 * const { served, released, duplicates, lost, dlq, notices } = await runAgentScenario(params); // lost: 0
 */
export const runAgentScenario = async (params: ScenarioParams): Promise<ScenarioResult> => {
  const clock = new VirtualClock();
  const startMs = clock.nowMs();
  const sqs = new InMemoryQueue({ clock });
  const dlqUrl = sqs.createQueue('work-dlq');
  const queueUrl = sqs.createQueue('work', { visibilityTimeoutSeconds: 60, redrivePolicy: { deadLetterQueueUrl: dlqUrl, maxReceiveCount: MAX_RECEIVE_COUNT } });
  const replyUrl = sqs.createQueue('replies');
  const ledger = new ScenarioLedger();
  const world = { sqs, queueUrl, clock, ledger, serviceTimesMs: params.serviceTimesMs, concurrency: params.concurrency };
  const hosts = [new ScenarioHost(0, world), new ScenarioHost(1, world)] as const;
  const poison = new Map<string, boolean>();

  const { kind, atMs, noticeSeconds } = params.interruption;
  const deadlineMs = startMs + atMs + noticeSeconds * 1000;
  const first = hosts[0];
  const events: WorldEvent[] = [
    // A SIGTERM deadline is the agent's own grace period: the scenario's notice sets it, and systemd kills at its end.
    { atMs: 0, apply: () => first.start(kind === 'sigterm' ? { sigtermGraceSeconds: noticeSeconds } : {}) },
    ...params.arrivals.map(({ atMs: at, poison: bad }, i) => ({
      atMs: at,
      apply: () => {
        const shape = bad ? [1, 3] : [1, 2];
        const body = JSON.stringify({ id: `r${i}`, inputs: [{ name: 'INPUT0', datatype: 'INT32', shape, data: [i, i + 1] }] });
        poison.set(sqs.send(queueUrl, body, { attributes: { ReplyQueueUrl: replyUrl } }), bad);
      },
    })),
    { atMs, apply: () => interrupt(first, kind, deadlineMs) },
    ...(kind === 'drain-tag' ? [{ atMs: deadlineMs - startMs, apply: () => first.signals.send('SIGTERM') }] : []),
    { atMs: deadlineMs - startMs + (kind === 'drain-tag' ? SHUTDOWN_GRACE_MS : 0), apply: () => first.cutPower() },
    ...(params.secondAgentAtMs === undefined ? [] : [{ atMs: params.secondAgentAtMs, apply: () => hosts[1].start() }]),
    ...params.tritonErrorBursts.map((b) => ({ atMs: b.atMs, apply: () => hosts[b.host].triton.failNext(b.count, b.status) })),
    ...params.notReadyWindows.flatMap((w) => [
      { atMs: w.fromMs, apply: () => hosts[w.host].triton.setModelReady(SCENARIO_MODEL, false) },
      { atMs: w.toMs, apply: () => hosts[w.host].triton.setModelReady(SCENARIO_MODEL, true) },
    ]),
    ...params.sqsThrottles.map((t) => ({ atMs: t.atMs, apply: () => hosts[t.host].work.failNext('throttling', { times: t.times, ...(t.operation ? { operation: t.operation } : {}) }) })),
  ].sort((a, b) => a.atMs - b.atMs);

  // Events in time order; then, with the first agent gone, the second serves until the queue is empty.
  let next = 0;
  const lastEventMs = events.at(-1)?.atMs ?? 0;
  for (;;) {
    const now = clock.nowMs() - startMs;
    for (let event = events[next]; event !== undefined && event.atMs <= now; event = events[++next]) event.apply();
    const eventsDone = next >= events.length;
    if (eventsDone && (!hosts[1].running || (await isEmpty(sqs, queueUrl)) || now > lastEventMs + DRAIN_HORIZON_MS)) break;
    await clock.advance(Math.max(1, Math.min((events[next]?.atMs ?? Number.POSITIVE_INFINITY) - now, 1_000)));
  }
  if (hosts[1].running) {
    hosts[1].signals.send('SIGTERM');
    const stopBy = clock.nowMs() + 60_000;
    while (hosts[1].running && clock.nowMs() < stopBy) await clock.advance(1_000);
    hosts[1].cutPower();
  }
  const virtualMs = clock.nowMs() - startMs;
  // Whatever a switched-off agent held shows again once its visibility timeout is over.
  await clock.advance(125_000);

  const queued = takeAll(sqs, queueUrl);
  const dead = takeAll(sqs, dlqUrl);
  const replies = new Map<string, number>();
  for (const reply of takeAll(sqs, replyUrl, true)) replies.set(reply, (replies.get(reply) ?? 0) + 1);
  const sent = [...poison.keys()];
  const lostIds = sent.filter((id) => !queued.includes(id) && !dead.includes(id) && (replies.get(id) ?? 0) === 0);
  const lastRelease = ledger.lastReleaseOf(0);
  const noticeAtMs = startMs + atMs;
  return {
    sent: sent.length,
    served: sent.filter((id) => !queued.includes(id) && !dead.includes(id) && (replies.get(id) ?? 0) > 0).length,
    queued: queued.length,
    dlq: dead.length,
    dlqMessages: dead.map((messageId) => ({ messageId, poison: poison.get(messageId) === true, reasons: [...new Set([...hosts[0].reasonsFor(messageId), ...hosts[1].reasonsFor(messageId)])] })),
    lost: lostIds.length,
    lostIds,
    released: ledger.released,
    duplicates: [...replies.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    notices: 1,
    releasesAfterDeadline: hosts[0].heldAtCut.length + hosts[1].heldAtCut.length + ledger.takenAfterPowerCut + ledger.undeletedAfterReply(),
    staleDeliveries: ledger.staleDeliveries,
    deleteFailures: ledger.deleteFailures,
    stranded: hosts[0].work.abandonedTakes + hosts[1].work.abandonedTakes,
    drain: {
      kind,
      noticeSeconds,
      noticeToLastReleaseMs: lastRelease !== undefined && lastRelease >= noticeAtMs ? lastRelease - noticeAtMs : undefined,
      acknowledgedBeforeDeadline: (first.acknowledgedAtMs ?? Number.POSITIVE_INFINITY) < deadlineMs,
      endedByDeadline: (first.endedAtMs ?? Number.POSITIVE_INFINITY) <= deadlineMs,
      heldAtDeadline: first.heldAtCut.length,
    },
    virtualMs,
  };
};

const interrupt = (host: ScenarioHost, kind: ScenarioParams['interruption']['kind'], deadlineMs: number): void => {
  if (kind === 'spot') host.imds.setSpotAction({ action: 'terminate', atMs: deadlineMs });
  else if (kind === 'sigterm') host.signals.send('SIGTERM');
  else for (const [key, value] of Object.entries(drainRequestTags({ deadlineMs, incidentId: 'inc-scenario', reason: 'spot-interruption' }))) host.imds.setTag(key, value);
};

const isEmpty = async (sqs: InMemoryQueue, queueUrl: string): Promise<boolean> => {
  const stats = await sqs.stats(queueUrl);
  return stats.visibleMessages + stats.inFlightMessages + stats.delayedMessages === 0;
};

/** Every message of a queue, by message id (replies: by the request they answer); receiving moves the over-received to the DLQ. */
const takeAll = (sqs: InMemoryQueue, queueUrl: string, byRequest = false): string[] => {
  const ids: string[] = [];
  for (let batch = sqs.receive(queueUrl, { maxMessages: 10, visibilityTimeoutSeconds: 43_200 }); batch.length > 0; batch = sqs.receive(queueUrl, { maxMessages: 10, visibilityTimeoutSeconds: 43_200 })) {
    ids.push(...batch.map((m) => (byRequest ? (m.attributes.RequestMessageId ?? '(none)') : m.messageId)));
  }
  return ids;
};
