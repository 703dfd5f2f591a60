/**
 * The default scenario (`npm start`): a BERT-large fleet (TensorRT FP16, seq 384, 100 ms p99) at the seed's
 * figures, diurnal between 50 and 1,000 QPS for a week, shaped by the real NYC taxi trace (the four weeks before it
 * are the forecaster's history); four policies.
 */
import type { FleetConfig } from '../../layers/core/fleet';
import { catalogCapacity } from '../../layers/platform/catalog-capacity';
import { parseFirstFleet } from '../../layers/platform/fleets-file';
import type { Policy, SimFleetSpec } from '../model/policy';
import type { DemandTrace } from '../model/trace';
import { autopilotPolicy } from '../policies/autopilot-policy';
import { staticPolicy } from '../policies/static-policy';
import { targetTrackingPolicy } from '../policies/target-tracking-policy';
import type { TracePoints } from '../trace/trace-points';
import { toDemandTraceWithWarmup } from '../trace/with-warmup';
import { DEFAULT_RUN_START_MS, DEFAULT_WARMUP_DAYS, loadDefaultTrace } from './default-trace';

export const DEFAULT_SEED = 20261129;
export const DEFAULT_STEP_SECONDS = 10;
/** The seed's figures: diurnal between 50 and 1,000 QPS. */
export const DEFAULT_RESCALE = { peakQps: 1_000, troughQps: 50 } as const;
export const AVAILABILITY_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** The fleet as its team would describe it; capacities per type come from the catalog. */
export const DEFAULT_FLEETS_FILE = `
fleets:
  - fleetId: fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f
    name: bert-large-qa
    tier: critical
    model: { name: bert-large, precision: fp16, sequenceLength: 384 }
    sloP99Ms: 100
    queueUrls: [https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-qa-requests]
    instanceTypes: [g6e.xlarge, g6.xlarge, g5.xlarge, g4dn.xlarge, p3.2xlarge]
    minCapacityUnits: 100
    maxCapacityUnits: 5000
    onDemandBaseUnits: 0
    launchLeadTimeSeconds: 420
    slackChannel: "#gpu-oncall"
`;

export const specOf = (fleet: FleetConfig, availabilityZones = AVAILABILITY_ZONES): SimFleetSpec => ({
  config: fleet,
  availabilityZones,
  // A request's GPU time is at most the half of the SLO the capacity was sized with (layers/core/catalog/README.md).
  serviceSeconds: fleet.sloP99Ms / 2000,
});

export const defaultFleet = (): FleetConfig => {
  return parseFirstFleet(DEFAULT_FLEETS_FILE, 'the default scenario', catalogCapacity);
};

/**
 * The four policies compared; the cheapest-per-QPS types first (target tracking rounds to the first). The
 * autopilot's capacity comes from its forecast scaler, over the fleet's on-demand base on Spot.
 */
export const defaultPolicies = (fleet: FleetConfig, baselineType = 'p3.2xlarge'): (() => Policy)[] => {
  const types = Object.keys(fleet.capacityUnitsByType);
  return [
    () => staticPolicy({ instanceType: baselineType, name: `static (${baselineType}, on-demand)` }),
    () => targetTrackingPolicy({ name: 'reactive (on-demand)', instanceTypes: types }),
    () => targetTrackingPolicy({ name: 'reactive (70% spot)', instanceTypes: types, spotShare: 0.7 }),
    () => autopilotPolicy(),
  ];
};

/**
 * The default demand: 50 to 1,000 QPS from 2014-10-06, with the four weeks before it as the forecaster's history
 * (fewer with `warmupDays`, for runs that test something other than the forecast).
 */
export const defaultTrace = (days = 7, points: TracePoints = loadDefaultTrace(), warmupDays = DEFAULT_WARMUP_DAYS): DemandTrace =>
  toDemandTraceWithWarmup(points, {
    stepSeconds: DEFAULT_STEP_SECONDS,
    startMs: DEFAULT_RUN_START_MS,
    durationSeconds: days * 86_400,
    warmupDays,
    rescale: DEFAULT_RESCALE,
  });
