/** Attribution: which managed fleets a cost anomaly's root causes point at, and which causes lie outside them. */
import type { FleetConfig, Market } from '../fleet';
import type { CostAnomaly, CostRootCause } from './cost-anomaly';
import { parseUsageType } from './usage-type';

/** Cost Anomaly Detection's name of the service EC2 instance-hours are billed under. */
export const EC2_COMPUTE_SERVICE = 'Amazon Elastic Compute Cloud - Compute';

/** Where the fleets run: the deployment's account and Region (fleets of one stack share both). */
export interface AttributionContext {
  accountId: string;
  region: string;
  fleets: readonly FleetConfig[];
}

/** One managed fleet an anomaly points at, with what pointed at it. */
export interface FleetAttribution {
  fleetId: string;
  /** Why, one line per root cause that matched (`usage type SpotUsage:g5.xlarge in us-east-1`). */
  matchedBy: string[];
  /** The matched root causes' contributions, $, when the alert gives them. */
  impactUsd?: number;
  /** The market the usage types name, when all matched ones name the same. */
  market?: Market;
  instanceTypes: string[];
}

/** A root cause no managed fleet explains, and why. */
export interface OutsideCause {
  rootCause: CostRootCause;
  why: string;
}

export interface Attribution {
  fleets: FleetAttribution[];
  outside: OutsideCause[];
}

interface Match {
  fleets: readonly FleetConfig[];
  line: string;
  market?: Market;
  instanceType?: string;
}

const describeCause = (cause: CostRootCause): string =>
  [cause.service, cause.usageType, cause.region, cause.linkedAccount].filter((v) => v !== undefined && v !== '').join(' / ') || 'no dimension given';

/** A root cause's fleets, or why it has none. */
const matchCause = (cause: CostRootCause, anomaly: CostAnomaly, ctx: AttributionContext): Match | string => {
  const service = cause.service ?? anomaly.dimensionValue;
  if (service !== undefined && service !== EC2_COMPUTE_SERVICE) return `service ${service} is not EC2 instance usage`;
  if (cause.linkedAccount !== undefined && cause.linkedAccount !== ctx.accountId) return `account ${cause.linkedAccount} is not the fleets' account ${ctx.accountId}`;
  if (cause.region !== undefined && cause.region !== ctx.region) return `Region ${cause.region} has no managed fleet (they run in ${ctx.region})`;
  if (cause.usageType === undefined) return { fleets: ctx.fleets, line: `EC2 instance usage in ${ctx.region}` };
  const usage = parseUsageType(cause.usageType);
  if (usage === undefined) return `usage type ${cause.usageType} is not instance-hours`;
  if (usage.region !== undefined && usage.region !== ctx.region) return `usage type ${cause.usageType} is in ${usage.region}, not ${ctx.region}`;
  const fleets = ctx.fleets.filter((f) => Object.hasOwn(f.capacityUnitsByType, usage.instanceType));
  if (fleets.length === 0) return `no managed fleet runs ${usage.instanceType}`;
  return { fleets, line: `usage type ${cause.usageType} in ${ctx.region}`, market: usage.market, instanceType: usage.instanceType };
};

const merge = (into: Map<string, FleetAttribution>, fleet: FleetConfig, match: Match, cause: CostRootCause, share: number): void => {
  const known = into.get(fleet.fleetId);
  const impact = cause.impactUsd === undefined ? undefined : cause.impactUsd / share;
  if (known === undefined) {
    into.set(fleet.fleetId, {
      fleetId: fleet.fleetId,
      matchedBy: [match.line],
      ...(impact === undefined ? {} : { impactUsd: impact }),
      ...(match.market === undefined ? {} : { market: match.market }),
      instanceTypes: match.instanceType === undefined ? [] : [match.instanceType],
    });
    return;
  }
  if (!known.matchedBy.includes(match.line)) known.matchedBy.push(match.line);
  if (impact !== undefined) known.impactUsd = (known.impactUsd ?? 0) + impact;
  if (known.market !== match.market) delete known.market;
  if (match.instanceType !== undefined && !known.instanceTypes.includes(match.instanceType)) known.instanceTypes.push(match.instanceType);
};

/**
 * Map the anomaly's root causes to the managed fleets: a spend-rate anomaly names its fleet; a Cost Anomaly Detection
 * root cause matches by service (EC2 compute), linked account, Region and the usage type's instance type (a fleet
 * listing that type), every fleet of the Region when it names no usage type. A cause's contribution is shared evenly
 * among the fleets it matches. Causes that match nothing are returned with the reason, for an alert with the evidence.
 *
 * @example
 * attributeAnomaly(anomaly, { accountId: '123456789012', region: 'us-east-1', fleets });
 * // { fleets: [{ fleetId: 'fleet-…', matchedBy: ['usage type USE1-SpotUsage:g5.xlarge in us-east-1'], impactUsd: 812, market: 'spot', instanceTypes: ['g5.xlarge'] }], outside: [] }
 */
export const attributeAnomaly = (anomaly: CostAnomaly, ctx: AttributionContext): Attribution => {
  const byFleet = new Map<string, FleetAttribution>();
  const outside: OutsideCause[] = [];
  if (anomaly.fleetId !== undefined) {
    const fleet = ctx.fleets.find((f) => f.fleetId === anomaly.fleetId);
    if (fleet === undefined) return { fleets: [], outside: anomaly.rootCauses.map((rootCause) => ({ rootCause, why: `fleet ${anomaly.fleetId} is not managed` })) };
    const impactUsd = anomaly.rootCauses.reduce((sum, c) => sum + (c.impactUsd ?? 0), 0);
    return { fleets: [{ fleetId: fleet.fleetId, matchedBy: ['its own spend rate left its band'], impactUsd, instanceTypes: [] }], outside: [] };
  }
  // An alert without root causes still names its monitor's dimension (the service).
  const causes: CostRootCause[] = anomaly.rootCauses.length > 0 ? anomaly.rootCauses : [{}];
  for (const cause of causes) {
    const match = matchCause(cause, anomaly, ctx);
    if (typeof match === 'string') {
      outside.push({ rootCause: cause, why: `${describeCause(cause)}: ${match}` });
      continue;
    }
    for (const fleet of match.fleets) merge(byFleet, fleet, match, cause, match.fleets.length);
  }
  return { fleets: [...byFleet.values()].sort((a, b) => (b.impactUsd ?? 0) - (a.impactUsd ?? 0) || a.fleetId.localeCompare(b.fleetId)), outside };
};

/** The anomaly's window, epoch ms: from its start to when it was received (CAD dates are whole days). */
export const anomalyWindow = (anomaly: CostAnomaly): { fromMs: number; toMs: number } => ({
  fromMs: Math.min(anomaly.startMs, anomaly.receivedAtMs),
  toMs: anomaly.receivedAtMs,
});
