/**
 * Time from a spot warning entering the handler to its last action issued (surge, then drain), on twins.
 * Baseline in the same run: the bare port calls any implementation must make (describe the instance and
 * the fleet, ModifyFleet, CreateTags) on the same twins, so the ratio is the cost of the safety machinery
 * (parse, claim, fleet lock, ledger records, Slack message).
 */
import { performance } from 'node:perf_hooks';
import type { Context } from 'aws-lambda';
import { makeHandler } from '../functions/spot-interruption/make-handler';
import { drainRequestTags } from '../layers/core/drain-protocol';
import type { FleetPort } from '../layers/ports/fleet-port';
import { silentLogger } from '../sim/silent-logger';
import { twinWorld } from '../sim/twin-world';
import * as scenario from '../cli/replay/spot-scenario';

const context = { awsRequestId: 'bench', functionName: 'spot', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

/** A FleetPort that notes when the last mutating call was issued. */
const timed = (inner: FleetPort, marks: { last: number }): FleetPort => ({
  describeInstances: (ids) => inner.describeInstances(ids),
  describeFleet: (id) => inner.describeFleet(id),
  modifyFleet: async (r) => { await inner.modifyFleet(r); marks.last = performance.now(); },
  createTags: async (i, t) => { await inner.createTags(i, t); marks.last = performance.now(); },
  deleteTags: async (i, k) => { await inner.deleteTags(i, k); marks.last = performance.now(); },
  listFleetInstances: (id) => inner.listFleetInstances(id),
  terminateInstance: async (i) => { await inner.terminateInstance(i); marks.last = performance.now(); },
});

const freshWorld = () => {
  const probe = twinWorld({ startMs: scenario.START_MS, fleets: [], fleetSeeds: [] });
  const queueUrl = probe.queue.createQueue(scenario.QUEUE_NAME);
  const fleet = scenario.fleetConfig(queueUrl);
  const world = twinWorld({ startMs: scenario.START_MS + 9 * 60_000, fleets: [fleet], fleetSeeds: [scenario.fleetSeed(fleet)], instanceSeeds: scenario.instanceSeeds(fleet) });
  world.queue.createQueue(scenario.QUEUE_NAME);
  for (let t = world.clock.nowMs() - 600_000; t <= world.clock.nowMs(); t += 60_000) world.metrics.put(queueUrl, t, scenario.ARRIVALS_PER_MINUTE);
  world.fleet.fulfil(world.clock.nowMs());
  return { world, fleet };
};

const warning = scenario.timeline().find((e) => e.label === 'spot interruption warning')?.event;

export const benchSpotLatency = async (runs: number): Promise<{ handler: number[]; floor: number[] }> => {
  const handler: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs + 20; i += 1) {
    const warm = i < 20; // the first runs warm the JIT and are not counted
    {
      const { world } = freshWorld();
      const marks = { last: 0 };
      const run = makeHandler({ ...world.deps, fleet: timed(world.fleet, marks) }, silentLogger());
      const start = performance.now();
      await run(warning, context);
      if (!warm) handler.push(marks.last - start);
    }
    {
      const { world, fleet } = freshWorld();
      const start = performance.now();
      const [instance] = await world.fleet.describeInstances([scenario.VICTIM]);
      const view = await world.fleet.describeFleet(fleet.fleetId);
      const units = fleet.capacityUnitsByType[instance?.instanceType ?? ''] ?? 0;
      await world.fleet.modifyFleet({ fleetId: fleet.fleetId, totalTargetCapacity: (view?.totalTargetCapacity ?? 0) + units, excessCapacityTerminationPolicy: 'no-termination' });
      await world.fleet.createTags(scenario.VICTIM, drainRequestTags({ deadlineMs: world.clock.nowMs() + 120_000, incidentId: 'bench', reason: 'spot-interruption' }));
      if (!warm) floor.push(performance.now() - start);
    }
  }
  return { handler, floor };
};
