/**
 * Time from a spot notice (IMDS instance-action, deadline 120 s later) to every unfinished message handed back,
 * for one agent under seeded random traffic, on twins and a virtual clock: all figures are virtual milliseconds.
 * By design the agent lets held requests run until the deadline minus its safety margin (10 s), then releases
 * what is left at once; the figures show how close to that it lands, and how early it stops receiving.
 */
import { seededRandom } from '../sim/model/random';
import { AgentTwinFleet } from './agent-twin-fleet';

const DEADLINE_MS = 120_000;

export interface DrainReleaseFigures {
  runs: number;
  /** Notice -> the agent stops receiving (it reads IMDS every 2 s). */
  noticeToStoppedMs: number[];
  /** Notice -> unfinished messages released, in runs that had any (ChangeMessageVisibilityBatch 0). */
  noticeToReleasedMs: number[];
  /** Notice -> drain acknowledged (every held message finished or released), all runs. */
  noticeToDrainedMs: number[];
  /** Messages released per run. */
  released: number[];
}

/** 85% of requests take 100-300 ms; 15% are long (10 s to 5 min), so some are still running at the cutoff. */
export const mixedServiceMs = (longShare: number, longMaxMs: number) => (u: number): number =>
  u < 1 - longShare ? 100 + 200 * (u / (1 - longShare)) : 10_000 + (longMaxMs - 10_000) * ((u - (1 - longShare)) / longShare);

export const benchDrainRelease = async (runs: number): Promise<DrainReleaseFigures> => {
  const figures: DrainReleaseFigures = { runs, noticeToStoppedMs: [], noticeToReleasedMs: [], noticeToDrainedMs: [], released: [] };
  for (let run = 0; run < runs; run += 1) {
    const random = seededRandom(`drain-release:${run}`);
    const fleet = new AgentTwinFleet({ seed: `drain-release:${run}`, hosts: 1, arrivalsPerSecond: 5 + 15 * random.next(), serviceMs: mixedServiceMs(0.15, 300_000) });
    const [victim] = fleet.hosts;
    if (!victim) throw new Error('no host');
    await fleet.runFor(30_000 + 90_000 * random.next());
    const noticeAt = fleet.clock.nowMs();
    victim.imds.setSpotAction({ action: 'terminate', atMs: noticeAt + DEADLINE_MS });
    await fleet.runUntil(() => !victim.running(), DEADLINE_MS + 60_000);
    const stopped = victim.logged('drain notice')[0];
    const releases = victim.logged('releasing unfinished messages');
    const acknowledged = fleet.acknowledgements[0];
    if (!stopped || !acknowledged) throw new Error(`run ${run}: the agent did not drain`);
    figures.noticeToStoppedMs.push(stopped.atMs - noticeAt);
    figures.noticeToDrainedMs.push(acknowledged.atMs - noticeAt);
    const last = releases.at(-1);
    if (last) figures.noticeToReleasedMs.push(last.atMs - noticeAt);
    figures.released.push(releases.reduce((sum, l) => sum + Number(l.extra.messages ?? 0), 0));
  }
  return figures;
};
