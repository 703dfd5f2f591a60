/**
 * Simulation speed: simulated instance-hours per wall-clock second over 1, 7 and 30 days and fleets of about
 * 10, 100 and 1,000 instances (target tracking with a Spot mix on g4dn.xlarge, so instances churn and get
 * interrupted). Linear growth means the cost per instance-hour stays flat: the ratios are against the smallest run.
 */
import { performance } from 'node:perf_hooks';
import { catalogCapacity } from '../layers/platform/catalog-capacity';
import { parseFirstFleet } from '../layers/platform/fleets-file';
import type { Policy } from '../sim/model/policy';
import { autopilotPolicy } from '../sim/policies/autopilot-policy';
import { staticPolicy } from '../sim/policies/static-policy';
import { targetTrackingPolicy } from '../sim/policies/target-tracking-policy';
import { runSimulation } from '../sim/run-simulation';
import { specOf } from '../sim/scenarios/default-scenario';
import { loadDefaultTrace } from '../sim/scenarios/default-trace';
import { toDemandTrace } from '../sim/trace/to-demand-trace';

const fleetsFile = `
fleets:
  - fleetId: fleet-0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d
    name: bench
    tier: standard
    model: { name: bert-large, precision: int8, sequenceLength: 384 }
    sloP99Ms: 100
    queueUrls: [https://sqs.us-east-1.amazonaws.com/123456789012/bench]
    instanceTypes: [g4dn.xlarge, g5.xlarge]
    minCapacityUnits: 100
    maxCapacityUnits: 1000000
    launchLeadTimeSeconds: 420
    slackChannel: "#bench"
`;

export interface SpeedPoint {
  label: string;
  days: number;
  instancesAtPeak: number;
  wallSeconds: number;
  instanceHours: number;
}

const run = async (days: number, instancesAtPeak: number, policies: (() => Policy)[], label: string): Promise<SpeedPoint> => {
  const fleet = parseFirstFleet(fleetsFile, 'bench', catalogCapacity);
  const perInstance = fleet.capacityUnitsByType['g4dn.xlarge'] ?? 1;
  // Target tracking keeps 60% utilization: the peak needs instancesAtPeak instances.
  const peakQps = instancesAtPeak * perInstance * 0.6;
  const trace = toDemandTrace(loadDefaultTrace(), { stepSeconds: 10, durationSeconds: days * 86_400, rescale: { peakQps, troughQps: peakQps * 0.2 } });
  const start = performance.now();
  const report = await runSimulation({ name: 'bench', spec: specOf(fleet), trace, seed: 7, policies });
  const wallSeconds = (performance.now() - start) / 1000;
  const instanceHours = report.policies.reduce((sum, p) => sum + p.instanceHours.reduce((s, h) => s + h.hours, 0), 0);
  return { label, days, instancesAtPeak, wallSeconds, instanceHours };
};

const reactiveSpot = (): Policy => targetTrackingPolicy({ name: 'reactive (70% spot)', instanceTypes: ['g4dn.xlarge', 'g5.xlarge'], spotShare: 0.7 });

export const benchSimSpeed = async (): Promise<{ grid: SpeedPoint[]; backtest: SpeedPoint }> => {
  const grid: SpeedPoint[] = [];
  for (const days of [1, 7, 30]) grid.push(await run(days, 10, [reactiveSpot], 'reactive (70% spot)'));
  for (const instances of [100, 1_000]) grid.push(await run(30, instances, [reactiveSpot], 'reactive (70% spot)'));
  const types = ['g4dn.xlarge', 'g5.xlarge'];
  const backtest = await run(30, 100, [
    () => staticPolicy({ instanceType: 'g4dn.xlarge' }),
    () => targetTrackingPolicy({ name: 'reactive (on-demand)', instanceTypes: types }),
    reactiveSpot,
    () => autopilotPolicy({ sizing: { instanceTypes: types, spotShare: 0.7 } }),
  ], 'full backtest, 4 policies + oracle');
  return { grid, backtest };
};
