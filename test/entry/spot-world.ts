// A twin world around one managed fleet and its instances, and the spot handler built on it.
import type { Context } from 'aws-lambda';
import { makeHandler } from '../../functions/spot-interruption/make-handler';
import type { FleetConfig } from '../../layers/core/fleet';
import { silentLogger } from '../../sim/silent-logger';
import { twinWorld, type TwinWorld, type TwinWorldOptions } from '../../sim/twin-world';

export const VICTIM = 'i-0b662ef9931388ba0';
export const NEIGHBOUR = 'i-0c1d2e3f4a5b6c7d8';
export const FOREIGN = 'i-07d1f0c2a9e3b4c55';
export const FLEET_ID = 'fleet-6f0c7b9e-3b1a-4c55-9a0e-2d1f6b7c8a90';
export const T0_MS = Date.parse('2026-11-24T03:12:00Z');
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export interface SpotWorld extends TwinWorld {
  fleetConfig: FleetConfig;
  queueUrl: string;
  handle: (event: unknown) => Promise<unknown>;
  /** Requests per second arriving at the fleet's queue over the last minutes. */
  demand: (qps: number) => void;
}

export const spotWorld = (
  options: Partial<Omit<TwinWorldOptions, 'fleet'>> & { fleet?: Partial<FleetConfig>; qps?: number } = {},
): SpotWorld => {
  const { fleet: fleetOverrides, qps, ...worldOptions } = options;
  const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-requests';
  const fleetConfig: FleetConfig = {
    fleetId: FLEET_ID,
    name: 'bert-large-prod',
    tier: 'critical',
    model: { name: 'bert-large', precision: 'int8', sequenceLength: 384 },
    sloP99Ms: 100,
    queueUrls: [queueUrl],
    capacityUnitsByType: { 'g5.xlarge': 306, 'g6.xlarge': 355 },
    minCapacityUnits: 306,
    maxCapacityUnits: 3000,
    onDemandBaseUnits: 0,
    launchLeadTimeSeconds: 420,
    slackChannel: '#gpu-oncall',
    dryRun: false,
    rebalancePolicy: 'surge-then-drain',
    drainTimeoutSeconds: 1800,
    ...fleetOverrides,
  };
  const world = twinWorld({
    startMs: T0_MS,
    fleets: [fleetConfig],
    fleetSeeds: [
      {
        fleetId: FLEET_ID,
        totalTargetCapacity: 612,
        defaultTargetCapacityType: 'spot',
        overrides: [
          { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: 306 },
          { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 306 },
          { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 355 },
        ],
      },
    ],
    instanceSeeds: [
      { instanceId: VICTIM, instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'spot', fleetId: FLEET_ID },
      { instanceId: NEIGHBOUR, instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', fleetId: FLEET_ID },
      { instanceId: FOREIGN, instanceType: 'p3.2xlarge', availabilityZone: 'us-east-1c', market: 'spot', fleetId: 'fleet-0aa0aa0a-0000-4000-8000-000000000000' },
    ],
    ...worldOptions,
  });
  world.queue.createQueue('bert-large-requests');
  const handler = makeHandler(world.deps, silentLogger());
  const demand = (qps: number): void => {
    for (let t = world.clock.nowMs() - 10 * 60_000; t <= world.clock.nowMs(); t += 60_000) world.metrics.put(queueUrl, t, qps * 60);
  };
  demand(qps ?? 500);
  return {
    ...world,
    fleetConfig,
    queueUrl,
    demand,
    handle: (event) => handler(event, { awsRequestId: 'test', functionName: 'spot', getRemainingTimeInMillis: () => 60_000 } as unknown as Context),
  };
};

/** The fleet-mutating calls the twin received, in order. */
export const mutations = (world: TwinWorld): string[] =>
  world.fleet.calls.filter((c) => c.method === 'modifyFleet' || c.method === 'createTags' || c.method === 'deleteTags').map((c) => c.method);
