/** Plans are data: what a decision wants done, each action with its reason and idempotency key. */
import type { DrainReason } from './drain-protocol';
import type { FleetOverride } from './observed';
import type { FollowUpPurpose } from './signals';

interface ActionBase {
  /** Stable across retries of the same decision, so executing twice does one thing. */
  idempotencyKey: string;
  reason: string;
}

/**
 * Why a fleet's target changes: `surge`/`restore` replace and take back capacity around a Spot incident;
 * `scale-out`/`scale-in` follow the demand forecast; `rebalance-surge`/`rebalance-release` add a replacement's new
 * capacity and take its old instance's units back once it is gone.
 */
export type CapacityPurpose = 'surge' | 'restore' | 'scale-out' | 'scale-in' | 'rebalance-surge' | 'rebalance-release';

/** ModifyFleet on a `maintain` EC2 Fleet: set the total target capacity (and steer away from pools). */
export interface ModifyFleetCapacityAction extends ActionBase {
  type: 'modify-fleet-capacity';
  fleetId: string;
  purpose: CapacityPurpose;
  fromTotal: number;
  toTotal: number;
  /** Pool keys whose launch-template overrides are left out so new capacity lands elsewhere. */
  avoidPools: string[];
  /** The fleet's complete new override list, when it changes (steering on surge, reinstating on restore). */
  overrides?: FleetOverride[];
  /** Overrides this action removes (kept in the incident so the restore can put them back). */
  removedOverrides?: FleetOverride[];
}

/** CreateTags on the instance: the drain request of the drain protocol. */
export interface TagDrainAction extends ActionBase {
  type: 'tag-drain';
  instanceId: string;
  incidentId: string;
  deadlineMs: number;
  drainReason: DrainReason;
}

/** DeleteTags on the instance: a drain that is no longer needed is taken back. */
export interface UntagDrainAction extends ActionBase {
  type: 'untag-drain';
  instanceId: string;
  incidentId: string;
}

/** A one-time schedule that invokes the function again for this incident. */
export interface ScheduleFollowUpAction extends ActionBase {
  type: 'schedule-follow-up';
  instanceId: string;
  incidentId: string;
  purpose: FollowUpPurpose;
  atMs: number;
}

export type Action = ModifyFleetCapacityAction | TagDrainAction | UntagDrainAction | ScheduleFollowUpAction;

/** ModifyFleet LaunchTemplateConfigs only (the target stays): the rebalancer steers the fleet's next launches. */
export interface SetFleetOverridesAction extends ActionBase {
  type: 'set-fleet-overrides';
  fleetId: string;
  fromOverrides: FleetOverride[];
  overrides: FleetOverride[];
}

/** TerminateInstances: the rebalancer lets a drained (or past its drain deadline) instance go. */
export interface TerminateInstanceAction extends ActionBase {
  type: 'terminate-instance';
  fleetId: string;
  instanceId: string;
}

/**
 * What the guard rules apply to: the incident actions, and the rebalancer's own mutations (kept out of `Action`,
 * which the incident executor handles exhaustively).
 */
export type GuardableAction = Action | SetFleetOverridesAction | TerminateInstanceAction;

/** Actions that change the fleet: the kill switch and dry-run stop these. */
export const isFleetMutation = (action: GuardableAction): boolean => action.type !== 'schedule-follow-up';

export const assertNever = (value: never): never => {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
};
