/** `autopilot simulate` (and `npm start`): load the scenario, run the policies, print the table, write the report. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FleetConfig } from '../../layers/core/fleet';
import { catalogCapacity } from '../../layers/platform/catalog-capacity';
import { readFleetsFile } from '../../layers/platform/fleets-file';
import { parseInterruptionReplay } from '../../sim/market/interruption-replay';
import type { Policy } from '../../sim/model/policy';
import { autopilotPolicy } from '../../sim/policies/autopilot-policy';
import { staticPolicy } from '../../sim/policies/static-policy';
import { targetTrackingPolicy } from '../../sim/policies/target-tracking-policy';
import { formatPolicyTable } from '../../sim/report/format-policy-table';
import { makeProgressBar } from '../../sim/report/progress-bar';
import { renderHtmlReport } from '../../sim/report/render-html-report';
import { toJson } from '../../sim/report/to-json';
import { runSimulation } from '../../sim/run-simulation';
import { AVAILABILITY_ZONES, DEFAULT_RESCALE, defaultFleet, specOf } from '../../sim/scenarios/default-scenario';
import { DEFAULT_RUN_START_MS, DEFAULT_WARMUP_DAYS, loadDefaultTrace } from '../../sim/scenarios/default-trace';
import type { TracePoints } from '../../sim/trace/trace-points';
import { readTraceFile } from '../../sim/trace/read-trace-file';
import { toDemandTraceWithWarmup } from '../../sim/trace/with-warmup';
import { OptionError, type PolicyName, type SimulateOptions } from './simulate-options';

const pickFleet = (options: SimulateOptions): FleetConfig => {
  if (!options.fleets) return defaultFleet();
  const fleets = readFleetsFile(options.fleets, catalogCapacity);
  const fleet = options.fleet ? fleets.find((f) => f.name === options.fleet || f.fleetId === options.fleet) : fleets[0];
  if (!fleet) throw new OptionError(`--fleet ${options.fleet}: no such fleet in ${options.fleets} (${fleets.map((f) => f.name).join(', ')})`);
  return fleet;
};

const policyFactory = (name: PolicyName, fleet: FleetConfig, baselineType: string): (() => Policy) => {
  const types = Object.keys(fleet.capacityUnitsByType);
  switch (name) {
    case 'static':
      return () => staticPolicy({ instanceType: baselineType, name: `static (${baselineType}, on-demand)` });
    case 'reactive':
      return () => targetTrackingPolicy({ name: 'reactive (on-demand)', instanceTypes: types });
    case 'reactive-spot':
      return () => targetTrackingPolicy({ name: 'reactive (70% spot)', instanceTypes: types, spotShare: 0.7 });
    case 'autopilot':
      return () => autopilotPolicy();
  }
};

/**
 * Where the run starts and how much history comes before it: the default trace's simulated week after its four
 * weeks of warm-up; a user's trace from its start, or `--warmup-days` into it.
 */
const runWindow = (points: TracePoints, options: SimulateOptions): { startMs: number; warmupDays: number } => {
  const first = points.startsMs[0] ?? 0;
  if (!options.trace && options.warmupDays === undefined) return { startMs: DEFAULT_RUN_START_MS, warmupDays: DEFAULT_WARMUP_DAYS };
  const warmupDays = options.warmupDays ?? 0;
  const startMs = first + warmupDays * 86_400_000;
  if (startMs >= points.endMs) throw new OptionError(`--warmup-days ${warmupDays}: the trace ${points.source} holds only ${((points.endMs - first) / 86_400_000).toFixed(2)} days`);
  return { startMs, warmupDays };
};

export const runSimulate = async (options: SimulateOptions, out: { isDefault: boolean }): Promise<number> => {
  const fleet = pickFleet(options);
  const types = Object.keys(fleet.capacityUnitsByType);
  const baselineType = options.baselineType ?? (types.includes('p3.2xlarge') ? 'p3.2xlarge' : (types[0] as string));
  if (!types.includes(baselineType)) throw new OptionError(`--baseline-type ${baselineType}: not among the fleet's types (${types.join(', ')})`);
  const points = options.trace ? readTraceFile(options.trace) : loadDefaultTrace();
  const rescale = options.peakQps !== undefined ? { peakQps: options.peakQps, troughQps: options.troughQps ?? 0 } : options.trace ? undefined : DEFAULT_RESCALE;
  const trace = toDemandTraceWithWarmup(points, { stepSeconds: options.stepSeconds, ...runWindow(points, options), durationSeconds: options.days * 86_400, ...(rescale ? { rescale } : {}) });
  const replay = options.interruptions ? parseInterruptionReplay(readFileSync(options.interruptions, 'utf8'), options.interruptions) : undefined;
  const bar = makeProgressBar({ total: options.policies.length * trace.arrivals.length, label: 'simulating' });
  const report = await runSimulation({
    name: out.isDefault ? 'default: BERT-large FP16, 50-1,000 QPS, NYC taxi week after 4 weeks of history' : `${fleet.name} on ${points.source}`,
    spec: specOf(fleet, options.availabilityZones ?? AVAILABILITY_ZONES),
    trace,
    seed: options.seed,
    policies: options.policies.map((p) => policyFactory(p, fleet, baselineType)),
    ...(replay ? { replay } : {}),
    onProgress: (policy, done) => bar.update(options.policies.findIndex((p) => policy.startsWith(p)) * trace.arrivals.length + done),
  });
  bar.finish();
  if (options.json) process.stdout.write(toJson(report));
  else console.log(formatPolicyTable(report, { color: process.stdout.isTTY === true }));
  if (options.html) {
    const path = resolve(options.html);
    writeFileSync(path, await renderHtmlReport(report));
    console.error(`report written to ${path}`);
  }
  return report.policies.some((p) => p.requests.lost > 0) ? 1 : 0;
};
