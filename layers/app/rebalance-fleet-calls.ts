/** The rebalancer's EC2 writes and their ledger records: ModifyFleet (target parts, overrides), tags, TerminateInstances. */
import type { FleetConfig } from '../core/fleet';
import type { FleetOverride } from '../core/observed';
import type { TargetParts } from '../core/rebalancer/market-split';
import type { ActionRecord } from '../ports/ledger-port';
import type { RebalanceDeps } from './rebalance-deps';

const MODIFIABLE_ATTEMPTS = 10;

/** The ledger partition of a fleet's rebalancer actions: one per fleet and UTC day, so a partition stays small. */
export const rebalanceActionsKey = (fleetId: string, nowMs: number): string => `rebalance#${fleetId}#${new Date(nowMs).toISOString().slice(0, 10)}`;

export interface StepRecord {
  key: string;
  type: string;
  instanceId?: string;
  reason: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  status: ActionRecord['status'];
  error?: string;
}

/** Idempotent on (day, key): a step recorded twice keeps its first record. */
export const recordStep = async (deps: Pick<RebalanceDeps, 'ledger' | 'clock'>, fleet: FleetConfig, step: StepRecord): Promise<void> => {
  const nowMs = deps.clock.nowMs();
  await deps.ledger.recordAction({
    incidentId: rebalanceActionsKey(fleet.fleetId, nowMs),
    idempotencyKey: `${step.key}#${step.status}`,
    type: step.type,
    fleetId: fleet.fleetId,
    ...(step.instanceId ? { instanceId: step.instanceId } : {}),
    reason: step.reason,
    before: step.before,
    after: step.after,
    status: step.status,
    atMs: nowMs,
    ...(step.error ? { error: step.error } : {}),
  });
};

/** EC2 refuses ModifyFleet while the fleet is still `modifying` (it finishes within seconds): wait that out. */
const waitUntilModifiable = async (deps: Pick<RebalanceDeps, 'fleet' | 'clock'>, fleetId: string): Promise<void> => {
  for (let attempt = 0; attempt < MODIFIABLE_ATTEMPTS; attempt += 1) {
    const view = await deps.fleet.describeFleet(fleetId);
    if (view?.state !== 'modifying') return;
    await deps.clock.sleep(1_000);
  }
};

/**
 * One ModifyFleet: the target as both of its parts (so the split holds whatever the fleet's default capacity type)
 * and/or new overrides; `total` alone keeps the target as it is when only the overrides change. Port errors propagate.
 */
export const modifyFleet = async (
  deps: Pick<RebalanceDeps, 'fleet' | 'clock'>,
  fleetId: string,
  change: { total: number; parts?: TargetParts; overrides?: FleetOverride[] },
): Promise<void> => {
  await waitUntilModifiable(deps, fleetId);
  const { parts, overrides } = change;
  await deps.fleet.modifyFleet({
    fleetId,
    totalTargetCapacity: parts?.total ?? change.total,
    ...(parts ? { onDemandTargetCapacity: parts.onDemand, spotTargetCapacity: parts.spot } : {}),
    ...(overrides ? { overrides } : {}),
  });
};
