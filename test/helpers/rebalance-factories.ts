// Builders for the rebalancer: the seed's BERT-large fleet, Spot quotes at the advisor's savings, instances, overrides, inputs.
import { getInstanceType } from '../../layers/core/catalog/catalog';
import { capacityAtSlo } from '../../layers/core/catalog/capacity';
import type { FleetConfig, Market } from '../../layers/core/fleet';
import type { FleetOverride, InstanceView } from '../../layers/core/observed';
import type { RebalanceInput } from '../../layers/core/rebalance/decide-rebalance';
import type { SpotPriceQuote } from '../../layers/core/rebalance/market-data';
import { defaultRebalanceSettings } from '../../layers/core/rebalance/rebalance-settings';

/** 2026-03-01T12:00:00Z. */
export const NOW = Date.UTC(2026, 2, 1, 12);
export const HOUR_MS = 3_600_000;
export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
export const SEED_FLEET_ID = 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f';
export const SEED_TYPES = ['g6e.xlarge', 'g6.xlarge', 'g5.xlarge', 'g4dn.xlarge', 'p3.2xlarge'];

/** Capacity units as the fleets file derives them: QPS at the SLO from the catalog, floored. */
const unitsFor = (types: string[], sloP99Ms: number): Record<string, number> =>
  Object.fromEntries(
    types.map((t) => [t, Math.floor(capacityAtSlo({ instanceType: t, model: 'bert-large', precision: 'fp16', sequenceLength: 384, sloP99Ms })?.qpsPerInstance ?? 0)]),
  );

/** The seed's fleet: BERT-large FP16 seq 384 at a 100 ms p99, the default scenario's five types, critical. */
export const seedFleet = (overrides: Partial<FleetConfig> = {}): FleetConfig => ({
  fleetId: SEED_FLEET_ID,
  name: 'bert-large-qa',
  tier: 'critical',
  model: { name: 'bert-large', precision: 'fp16', sequenceLength: 384 },
  sloP99Ms: 100,
  queueUrls: ['https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-qa-requests'],
  capacityUnitsByType: unitsFor(SEED_TYPES, 100),
  minCapacityUnits: 100,
  maxCapacityUnits: 5000,
  onDemandBaseUnits: 0,
  launchLeadTimeSeconds: 420,
  slackChannel: '#gpu-oncall',
  dryRun: false,
  rebalancePolicy: 'surge-then-drain',
  drainTimeoutSeconds: 1800,
  ...overrides,
});

/** us-east-1 Spot prices at the advisor's average savings, each zone a few percent dearer than the one before. */
export const advisorQuotes = (types: string[] = SEED_TYPES, zones: string[] = ZONES, atMs = NOW - 10 * 60_000): SpotPriceQuote[] =>
  types.flatMap((instanceType) =>
    zones.map((availabilityZone, z) => {
      const spec = getInstanceType(instanceType);
      const onDemand = spec?.onDemandUsdPerHour ?? 1;
      const savings = spec?.spotAdvisor?.savingsPct ?? 50;
      return { instanceType, availabilityZone, usdPerHour: Math.round(onDemand * (1 - savings / 100) * (1 + 0.03 * z) * 10_000) / 10_000, timestampMs: atMs };
    }),
  );

export const quote = (instanceType: string, availabilityZone: string, usdPerHour: number): SpotPriceQuote => ({ instanceType, availabilityZone, usdPerHour, timestampMs: NOW - 10 * 60_000 });

/** A running instance of the fleet launched a day ago (`i` orders launches). */
export const fleetInstance = (i: number, instanceType: string, availabilityZone: string, market: Market = 'spot', fleetId = SEED_FLEET_ID): InstanceView => ({
  instanceId: `i-0${String(i).padStart(16, '0')}`,
  instanceType,
  availabilityZone,
  market,
  state: 'running',
  fleetId,
  launchTimeMs: NOW - 24 * HOUR_MS + i * 60_000,
  tags: { 'aws:ec2:fleet-id': fleetId },
});

/** `count` instances of one pool, numbered from `from`. */
export const instancesIn = (count: number, from: number, instanceType: string, availabilityZone: string, market: Market = 'spot'): InstanceView[] =>
  Array.from({ length: count }, (_, k) => fleetInstance(from + k, instanceType, availabilityZone, market));

/** The subnet of each test zone. */
export const SUBNETS: Record<string, string> = { 'us-east-1a': 'subnet-0a1a1a1a1a1a1a1a1', 'us-east-1b': 'subnet-0b1b1b1b1b1b1b1b1', 'us-east-1c': 'subnet-0c1c1c1c1c1c1c1c1' };

/** The fleet's overrides: one per type and zone, with the zone's subnet and the type's units. */
export const overridesOf = (fleet: FleetConfig, types: string[], zones: string[] = ZONES): FleetOverride[] =>
  types.flatMap((instanceType) =>
    zones.map((availabilityZone) => ({ instanceType, availabilityZone, subnetId: SUBNETS[availabilityZone] ?? 'subnet-0f0f0f0f0f0f0f0f0', weightedCapacity: fleet.capacityUnitsByType[instanceType] ?? 0 })),
  );

/** The seed's case: 1,000 units needed, five on-demand p3.2xlarge across the zones, no interruption, no incident. */
export const rebalanceInput = (overrides: Partial<RebalanceInput> = {}): RebalanceInput => {
  const fleet = overrides.fleet ?? seedFleet();
  return {
    fleet,
    settings: defaultRebalanceSettings(fleet.tier),
    nowMs: NOW,
    availabilityZones: ZONES,
    requiredGpuMemoryGiB: 2,
    spotQuotes: advisorQuotes(),
    placementScores: [],
    interruptions24hByPool: {},
    atRiskPools: [],
    instances: [0, 1, 2, 3, 4].map((i) => fleetInstance(i, 'p3.2xlarge', ZONES[i % 3] ?? 'us-east-1a', 'on-demand')),
    demandUnits: 1000,
    currentOverrides: overridesOf(fleet, ['p3.2xlarge']),
    marketMode: undefined,
    spotInterruptionsInFallbackWindow: 0,
    spotInterruptionsInCalmPeriod: 0,
    replacementsInLastHour: 0,
    openIncident: false,
    ...overrides,
  };
};
