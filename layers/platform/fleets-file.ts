/** Read and validate the fleets file (YAML or JSON) into domain FleetConfig values. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { FleetConfig } from '../core/fleet';
import type { FleetEntry } from './fleets-schema';
import { describeIssues, FleetsFileSchema } from './fleets-schema';

export class FleetsFileError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FleetsFileError';
  }
}

/** Capacity units (QPS at SLO) of one instance of `instanceType` for this fleet, or undefined if unknown. */
export type CapacityResolver = (entry: FleetEntry, instanceType: string) => number | undefined;

const toFleetConfig = (entry: FleetEntry, index: number, capacityOf: CapacityResolver): FleetConfig => {
  const capacityUnitsByType: Record<string, number> = {};
  for (const type of entry.instanceTypes) {
    const units = entry.capacityUnits?.[type] ?? capacityOf(entry, type);
    if (units === undefined || !(units > 0)) {
      throw new FleetsFileError(
        `fleets[${index}].capacityUnits.${type}: no capacity for ${type} running ${entry.model.name} ${entry.model.precision} at ${entry.sloP99Ms} ms; give it in capacityUnits`,
      );
    }
    capacityUnitsByType[type] = units;
  }
  const extra = Object.keys(entry.capacityUnits ?? {}).filter((t) => !entry.instanceTypes.includes(t));
  if (extra.length > 0) throw new FleetsFileError(`fleets[${index}].capacityUnits: ${extra.join(', ')} not in instanceTypes`);
  return {
    fleetId: entry.fleetId,
    name: entry.name,
    tier: entry.tier,
    model: entry.model,
    sloP99Ms: entry.sloP99Ms,
    queueUrls: entry.queueUrls,
    capacityUnitsByType,
    minCapacityUnits: entry.minCapacityUnits,
    maxCapacityUnits: entry.maxCapacityUnits,
    onDemandBaseUnits: entry.onDemandBaseUnits,
    launchLeadTimeSeconds: entry.launchLeadTimeSeconds,
    slackChannel: entry.slackChannel,
    dryRun: entry.dryRun,
    rebalancePolicy: entry.rebalancePolicy,
    drainTimeoutSeconds: entry.drainTimeoutSeconds,
    // zod leaves out the fields the file does not give, so forecastSettingsOf fills them with the tier's defaults.
    ...(entry.forecast ? { forecast: entry.forecast } : {}),
    ...(entry.gpuAlarms ? { gpuAlarms: entry.gpuAlarms } : {}),
    ...(entry.team ? { team: entry.team } : {}),
    ...(entry.costCenter ? { costCenter: entry.costCenter } : {}),
  };
};

/** Parse the text of a fleets file; throws FleetsFileError naming the bad field(s). */
export const parseFleetsFile = (text: string, source: string, capacityOf: CapacityResolver): FleetConfig[] => {
  let raw: unknown;
  try {
    raw = parseYaml(text); // YAML is a superset of JSON: one parser for both.
  } catch (error) {
    throw new FleetsFileError(`${source}: not valid YAML/JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = FleetsFileSchema.safeParse(raw);
  if (!parsed.success) throw new FleetsFileError(`${source} is invalid:\n${describeIssues(parsed.error)}`);
  return parsed.data.fleets.map((entry, i) => Object.freeze(toFleetConfig(entry, i, capacityOf)));
};

/** The first fleet of a fleets file text (scenarios and replays embed a one-fleet file). */
export const parseFirstFleet = (text: string, source: string, capacityOf: CapacityResolver): FleetConfig => {
  const [fleet] = parseFleetsFile(text, source, capacityOf);
  // The schema requires at least one fleet, so this only guards the type.
  if (!fleet) throw new FleetsFileError(`${source}: fleets: no fleet`);
  return fleet;
};

export const readFleetsFile = (path: string, capacityOf: CapacityResolver): FleetConfig[] => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FleetsFileError(`reading fleets file ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseFleetsFile(text, path, capacityOf);
};
