/** The event a follow-up schedule delivers: EventBridge-shaped, so the function parses it like any other. */
import { AUTOPILOT_EVENT_SOURCE, scheduledEvent, type ScheduledEvent, type ScheduledEventInput } from './scheduled-event';
import type { FollowUpPurpose } from './signals';

export const FOLLOW_UP_SOURCE = AUTOPILOT_EVENT_SOURCE;
export const FOLLOW_UP_DETAIL_TYPE = 'Incident Follow-up';

export type FollowUpEvent = ScheduledEvent<typeof FOLLOW_UP_DETAIL_TYPE, { instanceId: string; incidentId: string; purpose: FollowUpPurpose }>;

/** `name` is the schedule's name: every delivery of one follow-up carries it as the event id. */
export const followUpEvent = (input: ScheduledEventInput<FollowUpEvent['detail']>): FollowUpEvent =>
  scheduledEvent(FOLLOW_UP_DETAIL_TYPE, input);
