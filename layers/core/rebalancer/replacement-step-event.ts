/** The event a replacement-step schedule delivers: look again at one rolling replacement of the rebalancer. */
import { scheduledEvent, type ScheduledEvent, type ScheduledEventInput } from '../scheduled-event';

export const REPLACEMENT_STEP_DETAIL_TYPE = 'Replacement Step';

/** The detail of a `Replacement Step` event (source `gpu-fleet-autopilot`). */
export interface ReplacementStepDetail {
  fleetId: string;
  /** The replacement it is for (ReplacementMove.moveId). */
  moveId: string;
  /** The move's check number when it was scheduled: a step for an older check is stale and acknowledged unseen. */
  check: number;
}

export type ReplacementStepEvent = ScheduledEvent<typeof REPLACEMENT_STEP_DETAIL_TYPE, ReplacementStepDetail>;

/**
 * `name` is the schedule's name: every delivery of one step carries it as the event id (the idempotency key).
 *
 * @example
 * replacementStepEvent({ name: 'rb-fleet-5c4e3bd2-i-0a1b2c3d4e5f60718-3', atMs, account: '111122223333', region: 'us-east-1',
 *   detail: { fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f', moveId: 'fleet-5c4e3bd2-...:rebalance:i-0a1b2c3d4e5f60718', check: 3 } });
 */
export const replacementStepEvent = (input: ScheduledEventInput<ReplacementStepDetail>): ReplacementStepEvent =>
  scheduledEvent(REPLACEMENT_STEP_DETAIL_TYPE, input);
