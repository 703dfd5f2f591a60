/** The fleet, prices and helpers the EC2 Fleet twin tests share. */
import { poolKey, type Pool } from '../../../layers/core/fleet';
import { InMemoryFleet, type FleetSeed, type InMemoryFleetOptions } from '../../../layers/twins/in-memory-fleet';

export const FLEET = 'fleet-73fbd2ce-aa30-494c-8788-1cee4EXAMPLE';
export const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

/** $/hour; per capacity unit: spot g5.2xlarge 0.04 < g5.xlarge 0.05 < g6.xlarge 0.06, on-demand g6.xlarge is cheapest. */
const PRICES: Record<string, number> = {
  'g5.xlarge:us-east-1a:spot': 0.5,
  'g5.2xlarge:us-east-1c:spot': 0.64,
  'g6.xlarge:us-east-1b:spot': 0.72,
  'g5.xlarge:us-east-1a:on-demand': 1.006,
  'g5.2xlarge:us-east-1c:on-demand': 1.212,
  'g6.xlarge:us-east-1b:on-demand': 0.805,
};

export const fleetSeed = (over: Partial<FleetSeed> = {}): FleetSeed => ({
  fleetId: FLEET,
  totalTargetCapacity: 40,
  onDemandTargetCapacity: 10,
  defaultTargetCapacityType: 'spot',
  excessCapacityTerminationPolicy: 'termination',
  overrides: [
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 10, priority: 1 },
    { instanceType: 'g5.2xlarge', subnetId: 'subnet-9d4a7b6c', weightedCapacity: 16, priority: 2 },
    { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: 12, priority: 0 },
  ],
  ...over,
});

export const twinWith = (options: InMemoryFleetOptions = {}): InMemoryFleet =>
  new InMemoryFleet({
    fleets: [fleetSeed()],
    subnets: { 'subnet-9d4a7b6c': 'us-east-1c' },
    priceUsdPerHour: (pool: Pool) => PRICES[poolKey(pool)],
    ...options,
  });

export const live = (twin: InMemoryFleet) =>
  twin
    .instancesOf(FLEET)
    .filter((i) => i.state === 'running' || i.state === 'pending')
    .map((i) => `${i.instanceId} ${poolKey(i)}`);
