// Plan actions and guard contexts for tests of the guard and of plan execution: one incident's surge, restore, drain, follow-up.
import type { GuardContext } from '../../layers/core/guard';
import type { ModifyFleetCapacityAction, ScheduleFollowUpAction, TagDrainAction, UntagDrainAction } from '../../layers/core/plan';
import { FLEET_ID, INCIDENT_ID, INSTANCE_ID, T0_MS } from './spot-factories';

/** Nothing engaged, limits of the default fleet (400..4000 units), at most 800 units per event, no cooldown. */
export const aGuardContext = (overrides: Partial<GuardContext> = {}): GuardContext => ({
  nowMs: T0_MS,
  killSwitchEngaged: false,
  globalDryRun: false,
  fleetDryRun: false,
  maxSurgeUnitsPerEvent: 800,
  fleetMaxUnits: 4000,
  fleetMinUnits: 400,
  cooldownUntilMs: {},
  ...overrides,
});

/** A surge of the fleet's total target, away from the interrupted pool. */
export const aSurge = (fromTotal = 2000, toTotal = 2400): ModifyFleetCapacityAction => ({
  type: 'modify-fleet-capacity',
  fleetId: FLEET_ID,
  purpose: 'surge',
  fromTotal,
  toTotal,
  avoidPools: ['g5.xlarge:us-east-1a:spot'],
  idempotencyKey: `${INCIDENT_ID}:surge`,
  reason: 'launch the replacement now',
});

/** A forecast scale-in of the fleet's total target (the evening fall). */
export const aScaleIn = (fromTotal = 2000, toTotal = 1500): ModifyFleetCapacityAction => ({
  ...aSurge(fromTotal, toTotal),
  purpose: 'scale-in',
  avoidPools: [],
  idempotencyKey: `forecast:${FLEET_ID}:${T0_MS}`,
  reason: 'the forecast and the observed load agree on a lower need',
});

/** The restore that takes a surge back. */
export const aRestore = (fromTotal = 2400, toTotal = 2000): ModifyFleetCapacityAction => ({
  ...aSurge(fromTotal, toTotal),
  purpose: 'restore',
  avoidPools: [],
  idempotencyKey: `${INCIDENT_ID}:restore`,
  reason: 'instance terminated: take back the surge',
});

/** The drain request before the 2-minute deadline. */
export const aDrain = (overrides: Partial<TagDrainAction> = {}): TagDrainAction => ({
  type: 'tag-drain',
  instanceId: INSTANCE_ID,
  incidentId: INCIDENT_ID,
  deadlineMs: T0_MS + 120_000,
  drainReason: 'spot-interruption',
  idempotencyKey: `${INCIDENT_ID}:drain`,
  reason: 'drain before the 2-minute deadline',
  ...overrides,
});

/** The undoing of a drain. */
export const anUndrain = (overrides: Partial<UntagDrainAction> = {}): UntagDrainAction => ({
  type: 'untag-drain',
  instanceId: INSTANCE_ID,
  incidentId: INCIDENT_ID,
  idempotencyKey: `${INCIDENT_ID}:undrain`,
  reason: 'no interruption followed: the instance serves again',
  ...overrides,
});

/** The stand-down follow-up, 30 min on. */
export const aFollowUpAction = (overrides: Partial<ScheduleFollowUpAction> = {}): ScheduleFollowUpAction => {
  const atMs = overrides.atMs ?? T0_MS + 1_800_000;
  return {
    type: 'schedule-follow-up',
    instanceId: INSTANCE_ID,
    incidentId: INCIDENT_ID,
    purpose: 'drain-timeout',
    atMs,
    idempotencyKey: `${INCIDENT_ID}:drain-timeout:${atMs}`,
    reason: 'stand down if no interruption follows',
    ...overrides,
  };
};
