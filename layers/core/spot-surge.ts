/** The surge (replacement launched now) and its undo, as fleet-capacity actions. */
import { poolKey } from './fleet';
import type { Incident } from './incident';
import type { FleetOverride } from './observed';
import { poolOf } from './observed';
import type { ModifyFleetCapacityAction } from './plan';
import type { SpotContext } from './spot-context';
import { instanceUnits } from './spot-context';
import { surgeNeed } from './surge-need';

export interface SurgeChoice {
  action?: ModifyFleetCapacityAction;
  reason: string;
}

/** Steering: the fleet's overrides that launch into at-risk pools are left out, unless that would leave none. */
export const steerAway = (ctx: SpotContext): { avoidPools: string[]; kept: FleetOverride[]; removed: FleetOverride[] } => {
  const overrides = ctx.fleetView?.overrides ?? [];
  const market = ctx.instance.market;
  const atRisk = new Set([...ctx.atRiskPools.map((p) => p.poolKey), poolKey(poolOf(ctx.instance))]);
  const keyOf = (o: FleetOverride): string => `${o.instanceType}:${o.availabilityZone ?? '*'}:${market}`;
  const removed = overrides.filter((o) => atRisk.has(keyOf(o)));
  if (removed.length === 0 || removed.length === overrides.length) return { avoidPools: [], kept: overrides, removed: [] };
  return {
    avoidPools: [...new Set(removed.map(keyOf))],
    kept: overrides.filter((o) => !atRisk.has(keyOf(o))),
    removed,
  };
};

const steering = (ctx: SpotContext): Pick<ModifyFleetCapacityAction, 'avoidPools' | 'overrides' | 'removedOverrides'> => {
  const { avoidPools, kept, removed } = steerAway(ctx);
  return removed.length === 0 ? { avoidPools } : { avoidPools, overrides: kept, removedOverrides: removed };
};

/** Decide whether to raise the fleet's target now so the replacement launches before the loss. */
export const chooseSurge = (ctx: SpotContext, incident: Incident): SurgeChoice => {
  const { fleet, fleetView } = ctx;
  if (incident.surge && (incident.surge.status === 'applied' || incident.surge.status === 'dry-run')) {
    return { reason: `surge already ${incident.surge.status} for this incident` };
  }
  if (!fleetView) return { reason: `fleet ${fleet.fleetId} not found by DescribeFleets: no surge` };
  if (fleetView.type !== 'maintain') {
    return { reason: `fleet ${fleet.fleetId} is of type ${fleetView.type}: only maintain fleets can be modified` };
  }
  const units = instanceUnits(ctx);
  if (units <= 0) return { reason: `instance type ${ctx.instance.instanceType} has no capacity units in fleet ${fleet.name}` };
  const need = surgeNeed({
    fulfilledUnits: fleetView.fulfilledCapacity,
    lostUnits: units,
    arrivalQps: ctx.demand.arrivalQps,
    backlog: ctx.demand.backlog,
    leadTimeSeconds: fleet.launchLeadTimeSeconds,
    waitBudgetSeconds: (fleet.sloP99Ms / 1000) * ctx.policy.queueWaitShareOfSlo,
    maxUtilization: ctx.policy.maxUtilization,
    surgeWhenDemandUnknown: ctx.policy.surgeWhenDemandUnknown,
  });
  if (!need.needed) return { reason: need.reason };
  const fromTotal = fleetView.totalTargetCapacity;
  const toTotal = Math.min(fromTotal + units, fleet.maxCapacityUnits);
  if (toTotal <= fromTotal) {
    return { reason: `${need.reason}; but the fleet is at its maximum of ${fleet.maxCapacityUnits} units: no surge` };
  }
  return {
    reason: need.reason,
    action: {
      type: 'modify-fleet-capacity',
      fleetId: fleet.fleetId,
      purpose: 'surge',
      fromTotal,
      toTotal,
      ...steering(ctx),
      idempotencyKey: `${incident.incidentId}:surge`,
      reason: `launch the replacement now (${units} units, lead time ${fleet.launchLeadTimeSeconds} s): ${need.reason}`,
    },
  };
};

/**
 * The restore puts back the overrides the surge left out: no launch follows a restore (fulfilled = target),
 * so this does not send new capacity to the at-risk pool now, and keeps the fleet diversified afterwards.
 */
const reinstated = (ctx: SpotContext, incident: Incident): Pick<ModifyFleetCapacityAction, 'overrides'> => {
  const removed = incident.surge?.removedOverrides ?? [];
  const current = ctx.fleetView?.overrides ?? [];
  const same = (a: FleetOverride, b: FleetOverride): boolean =>
    a.instanceType === b.instanceType && a.availabilityZone === b.availabilityZone && a.subnetId === b.subnetId;
  const missing = removed.filter((r) => !current.some((c) => same(c, r)));
  return missing.length === 0 ? {} : { overrides: [...current, ...missing] };
};

/** Take back an applied surge: lower the target by what the surge added, never below the fleet minimum. */
export const chooseRestore = (ctx: SpotContext, incident: Incident, why: string): ModifyFleetCapacityAction | undefined => {
  const surge = incident.surge;
  if (!surge || surge.status !== 'applied' || !ctx.fleetView) return undefined;
  if (surge.undone && surge.undone.status !== 'failed' && surge.undone.status !== 'blocked') return undefined;
  const fromTotal = ctx.fleetView.totalTargetCapacity;
  const toTotal = Math.max(ctx.fleet.minCapacityUnits, fromTotal - surge.units);
  if (toTotal >= fromTotal) return undefined;
  return {
    type: 'modify-fleet-capacity',
    fleetId: ctx.fleet.fleetId,
    purpose: 'restore',
    fromTotal,
    toTotal,
    avoidPools: [],
    ...reinstated(ctx, incident),
    idempotencyKey: `${incident.incidentId}:restore`,
    reason: `${why}: take back the ${surge.units}-unit surge (the fleet keeps the replacement and does not launch another)`,
  };
};
