/**
 * Messages lost (must be 0) and duplicates per interruption over seeded random runs: random arrival rate,
 * service times, notice time and failure injections (SQS throttling on any call, Triton 503 bursts), one Spot
 * interruption per run with the instance gone at its deadline, on twins and a virtual clock.
 */
import type { WorkQueueOperation } from '../layers/twins/in-memory-work-queue';
import { seededRandom, type Random } from '../sim/model/random';
import { mixedServiceMs } from './agent-drain-release';
import { AgentTwinFleet } from './agent-twin-fleet';

export interface LossFigures {
  runs: number;
  sent: number;
  served: number;
  /** Moved to the DLQ by the redrive policy (received maxReceiveCount times). */
  deadLettered: number;
  lost: number;
  duplicates: number;
  /** Deliveries the agents said would repeat: the result went out but DeleteMessage failed. */
  failedDeletes: number;
  /** Runs where a heartbeat failed three times in a row, so a held message became visible to another agent. */
  runsWithLapsedHeartbeat: number;
  /** Duplicates in runs with neither a failed delete nor a lapsed heartbeat (expected 0). */
  duplicatesOtherwise: number;
  /** Runs in which the interrupted agent released messages at its cutoff. */
  runsWithReleases: number;
  failuresInjected: number;
}

const DEADLINE_MS = 120_000;
const OPERATIONS: WorkQueueOperation[] = ['receive', 'delete', 'changeVisibility', 'changeVisibilityBatch', 'send'];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random.next() * items.length)] as T;

export const benchAgentLoss = async (runs: number): Promise<LossFigures> => {
  const figures: LossFigures = { runs, sent: 0, served: 0, deadLettered: 0, lost: 0, duplicates: 0, failedDeletes: 0, runsWithLapsedHeartbeat: 0, duplicatesOtherwise: 0, runsWithReleases: 0, failuresInjected: 0 };
  for (let run = 0; run < runs; run += 1) {
    const random = seededRandom(`agent-loss:${run}`);
    const fleet = new AgentTwinFleet({
      seed: `agent-loss:${run}`,
      hosts: 2 + Math.floor(random.next() * 2),
      arrivalsPerSecond: 5 + 15 * random.next(),
      serviceMs: mixedServiceMs(0.002 + 0.008 * random.next(), 120_000 + 180_000 * random.next()),
      agent: { concurrency: 16 },
    });
    const [victim] = fleet.hosts;
    if (!victim) throw new Error('no host');
    const noticeAt = fleet.clock.nowMs() + 20_000 + 100_000 * random.next();
    const trafficEnds = noticeAt + DEADLINE_MS + 30_000;
    // Failures land anywhere in the run, on any host, interrupted or not.
    const failures = Array.from({ length: Math.floor(random.next() * 8) }, () => ({ atMs: fleet.clock.nowMs() + (trafficEnds - fleet.clock.nowMs()) * random.next(), host: pick(random, fleet.hosts), triton: random.next() < 0.4, operation: pick(random, OPERATIONS), times: 1 + Math.floor(random.next() * 3) }))
      .sort((a, b) => a.atMs - b.atMs);
    figures.failuresInjected += failures.length;
    const inject = () => {
      while (failures[0] && failures[0].atMs <= fleet.clock.nowMs()) {
        const f = failures.shift();
        if (!f) break;
        if (f.triton) f.host.triton.failNext(f.times, 503);
        else f.host.work.failNext('throttling', { operation: f.operation, times: f.times });
      }
    };
    const until = async (atMs: number) => fleet.runUntil(() => (inject(), fleet.clock.nowMs() >= atMs), atMs - fleet.clock.nowMs() + 1_000);
    await until(noticeAt);
    victim.imds.setSpotAction({ action: 'terminate', atMs: fleet.clock.nowMs() + DEADLINE_MS });
    await until(fleet.clock.nowMs() + DEADLINE_MS);
    // The instance is gone at its deadline, whether its agent finished or not.
    victim.powerOff();
    await until(trafficEnds);
    fleet.trafficOn = false;
    await fleet.runFor(30_000);
    const tally = await fleet.finish();
    figures.sent += tally.sent;
    figures.served += tally.served;
    figures.deadLettered += tally.deadLettered;
    figures.lost += tally.lost;
    figures.duplicates += tally.duplicates;
    const failedDeletes = fleet.hosts.reduce((n, h) => n + h.logged('served message not deleted; it will be served again').length, 0);
    const lapsed = fleet.hosts.some((h) => h.logged('heartbeat could not extend some messages').length > 0);
    figures.failedDeletes += failedDeletes;
    if (lapsed) figures.runsWithLapsedHeartbeat += 1;
    if (failedDeletes === 0 && !lapsed) figures.duplicatesOtherwise += tally.duplicates;
    if (victim.logged('releasing unfinished messages').length > 0) figures.runsWithReleases += 1;
  }
  return figures;
};
