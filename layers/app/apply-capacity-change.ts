/** Guard, execute and record one capacity change of a scaler (forecast, GPU alarm): a ModifyFleet target, under the fleet lock. */
import type { FleetConfig } from '../core/fleet';
import { cooldownScope, type GuardedAction } from '../core/guard';
import type { ModifyFleetCapacityAction } from '../core/plan';
import type { ActionRecord } from '../ports/ledger-port';
import { isRetryable, messageOf } from './errors';
import { guardFleetAction } from './guard-fleet-action';
import type { ForecastDeps, ForecastRunSettings } from './forecast-deps';

/** The ports and settings a capacity change needs (the forecast's and the gpu-alarm's deps both have them). */
export type CapacityChangeDeps = Pick<ForecastDeps, 'fleet' | 'ledger' | 'settings' | 'clock'> & {
  config: Pick<ForecastRunSettings, 'globalDryRun' | 'scaleInCooldownSeconds'>;
};

export interface CapacityChange {
  fleet: FleetConfig;
  purpose: 'scale-out' | 'scale-in';
  fromUnits: number;
  toUnits: number;
  /** The fleet's on-demand target now: lowered with the total when it would exceed it. */
  onDemandUnits: number;
  idempotencyKey: string;
  reason: string;
  /** Capacity removed by scale-in within the last hour, and the most allowed (the guard's scale-in budget), if any. */
  scaleIn?: { maxUnitsPerHour: number; unitsInLastHour: number };
  /** The ledger partition (incident id) the records go under; the fleet's forecast actions of the day by default. */
  recordUnder?: string;
}

export interface CapacityChangeOutcome {
  guarded: GuardedAction;
  status: ActionRecord['status'];
  toUnits: number;
  error?: string;
  retryable?: boolean;
}

/** The ledger partition of a fleet's forecast actions: one per fleet and UTC day, so a partition stays small. */
export const forecastActionsKey = (fleetId: string, nowMs: number): string => `forecast#${fleetId}#${new Date(nowMs).toISOString().slice(0, 10)}`;

const record = async (deps: CapacityChangeDeps, change: CapacityChange, effective: ModifyFleetCapacityAction, status: ActionRecord['status'], note?: string): Promise<void> => {
  const nowMs = deps.clock.nowMs();
  await deps.ledger.recordAction({
    incidentId: change.recordUnder ?? forecastActionsKey(change.fleet.fleetId, nowMs),
    idempotencyKey: `${change.idempotencyKey}#${status}`,
    type: 'modify-fleet-capacity',
    fleetId: change.fleet.fleetId,
    reason: note ? `${change.reason} (${note})` : change.reason,
    before: { totalTargetCapacity: change.fromUnits },
    after: { totalTargetCapacity: effective.toTotal, purpose: change.purpose },
    status,
    atMs: nowMs,
    ...(note && status === 'failed' ? { error: note } : {}),
  });
};

/**
 * The on-demand part to send with a new total, if it must change. EC2 Fleet refuses an on-demand target above the
 * total, so it falls with the total; and the tier's on-demand base comes back as the total grows again (a night's
 * scale-in below the base must not leave the day's fleet without it). Otherwise the operator's value stays.
 */
export const onDemandPart = (currentOnDemand: number, baseUnits: number, toTotal: number): { onDemandTargetCapacity?: number } => {
  const wanted = Math.min(toTotal, Math.max(currentOnDemand, Math.min(Math.ceil(baseUnits), toTotal)));
  return wanted === currentOnDemand ? {} : { onDemandTargetCapacity: wanted };
};

/**
 * Runs the change through the guard (kill switch, dry-run, cooldown, min/max, scale-in budget), calls ModifyFleet when
 * it may, and records the outcome. A `pending` record precedes the call so an audit sees an attempt whose outcome was
 * lost; ModifyFleet sets an absolute target, so a retry repeats the same value (idempotent). Never throws for a
 * refused call: the outcome says failed and whether a retry may help.
 */
export const applyCapacityChange = async (deps: CapacityChangeDeps, change: CapacityChange): Promise<CapacityChangeOutcome> => {
  const { fleet } = change;
  const nowMs = deps.clock.nowMs();
  const action: ModifyFleetCapacityAction = {
    type: 'modify-fleet-capacity',
    fleetId: fleet.fleetId,
    purpose: change.purpose,
    fromTotal: change.fromUnits,
    toTotal: change.toUnits,
    avoidPools: [],
    idempotencyKey: change.idempotencyKey,
    reason: change.reason,
  };
  const scope = cooldownScope(action);
  const guarded = await guardFleetAction(deps, fleet, action, change.purpose === 'scale-in' ? change.scaleIn : undefined);
  const effective = guarded.effective as ModifyFleetCapacityAction;
  if (guarded.verdict !== 'execute') {
    const status = guarded.verdict === 'dry-run' ? 'dry-run' : 'blocked';
    await record(deps, change, effective, status, guarded.note);
    return { guarded, status, toUnits: effective.toTotal };
  }
  await record(deps, change, effective, 'pending', guarded.note);
  try {
    await deps.fleet.modifyFleet({
      fleetId: fleet.fleetId,
      totalTargetCapacity: effective.toTotal,
      ...onDemandPart(change.onDemandUnits, fleet.onDemandBaseUnits, effective.toTotal),
    });
  } catch (error) {
    await record(deps, change, effective, 'failed', messageOf(error));
    return { guarded, status: 'failed', toUnits: change.fromUnits, error: messageOf(error), retryable: isRetryable(error) };
  }
  await record(deps, change, effective, 'applied', guarded.note);
  if (change.purpose === 'scale-in' && scope !== undefined) {
    await deps.ledger.setCooldownUntil(scope, nowMs + deps.config.scaleInCooldownSeconds * 1000);
  }
  return { guarded, status: 'applied', toUnits: effective.toTotal };
};
