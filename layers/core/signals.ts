/** Typed domain signals: what the edge parsers turn AWS events into. Nothing AWS-shaped travels past here. */

export type SpotAction = 'terminate' | 'stop' | 'hibernate';
export type InstanceState = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

interface SignalBase {
  /** The EventBridge event id: the per-delivery idempotency key. */
  eventId: string;
  /** When AWS emitted the event (EventBridge `time`), epoch milliseconds. */
  emittedAtMs: number;
  region: string;
  account: string;
}

/** `aws.ec2` "EC2 Spot Instance Interruption Warning". */
export interface SpotInterruptionWarning extends SignalBase {
  kind: 'spot-interruption-warning';
  instanceId: string;
  action: SpotAction;
  /**
   * When the instance will be interrupted, epoch ms. The event has no deadline field: it is `time` + 120 s,
   * except for hibernate, which starts at once (no 2-minute lead).
   */
  deadlineMs: number;
}

/** `aws.ec2` "EC2 Instance Rebalance Recommendation". */
export interface RebalanceRecommendation extends SignalBase {
  kind: 'rebalance-recommendation';
  instanceId: string;
}

/** `aws.ec2` "EC2 Instance State-change Notification". */
export interface InstanceStateChange extends SignalBase {
  kind: 'instance-state-change';
  instanceId: string;
  state: InstanceState;
}

/** `aws.health` "AWS Health Event", EC2 `scheduledChange`: one event may name many instances. */
export interface ScheduledChange extends SignalBase {
  kind: 'scheduled-change';
  instanceIds: string[];
  eventTypeCode: string;
  /** When the scheduled change starts, epoch ms (`detail.startTime`, an RFC 1123 string in the event). */
  startMs: number;
  endMs?: number;
  description?: string;
}

/**
 * Why the autopilot scheduled a follow-up for itself: prepare a replacement ahead of a scheduled change,
 * drain once the replacement serves, or stand down a drain that no interruption followed.
 */
export type FollowUpPurpose = 'prepare-scheduled-change' | 'drain-after-replacement' | 'drain-timeout';

/** A follow-up the autopilot scheduled for itself (EventBridge Scheduler -> the same function). */
export interface IncidentFollowUp extends SignalBase {
  kind: 'incident-follow-up';
  instanceId: string;
  /** The incident that scheduled it: a follow-up of an earlier incident of the same instance is ignored. */
  incidentId: string;
  purpose: FollowUpPurpose;
}

/** An event the registry does not know or does not act on: acknowledged, logged, never an error. */
export interface NoopSignal extends SignalBase {
  kind: 'noop';
  reason: string;
}

export type Signal =
  | SpotInterruptionWarning
  | RebalanceRecommendation
  | InstanceStateChange
  | ScheduledChange
  | IncidentFollowUp
  | NoopSignal;

/** Signals about one instance: the unit the spot-interruption decision works on. */
export type InstanceSignal = Exclude<Signal, ScheduledChange | NoopSignal> | ScheduledChangeForInstance;

/** A scheduled change narrowed to one of the instances it names. */
export interface ScheduledChangeForInstance extends Omit<ScheduledChange, 'instanceIds'> {
  instanceId: string;
}

/** Split a signal into one signal per affected instance (a Health event can name many). */
export const perInstance = (signal: Signal): InstanceSignal[] => {
  switch (signal.kind) {
    case 'noop':
      return [];
    case 'scheduled-change': {
      const { instanceIds, ...rest } = signal;
      return [...new Set(instanceIds)].map((instanceId) => ({ ...rest, instanceId }));
    }
    default:
      return [signal];
  }
};

export const SPOT_NOTICE_LEAD_MS = 120_000;
