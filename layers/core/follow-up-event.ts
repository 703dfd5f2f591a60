/** The event a follow-up schedule delivers: EventBridge-shaped, so the function parses it like any other. */
import type { FollowUpPurpose } from './signals';

export const FOLLOW_UP_SOURCE = 'gpu-fleet-autopilot';
export const FOLLOW_UP_DETAIL_TYPE = 'Incident Follow-up';

export interface FollowUpEvent {
  version: '0';
  id: string;
  'detail-type': typeof FOLLOW_UP_DETAIL_TYPE;
  source: typeof FOLLOW_UP_SOURCE;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: { instanceId: string; incidentId: string; purpose: FollowUpPurpose };
}

/** `name` is the schedule's name: every delivery of one follow-up carries it as the event id. */
export const followUpEvent = (input: {
  name: string;
  atMs: number;
  account: string;
  region: string;
  detail: FollowUpEvent['detail'];
}): FollowUpEvent => ({
  version: '0',
  id: input.name,
  'detail-type': FOLLOW_UP_DETAIL_TYPE,
  source: FOLLOW_UP_SOURCE,
  account: input.account,
  time: `${new Date(Math.ceil(input.atMs / 1000) * 1000).toISOString().slice(0, 19)}Z`,
  region: input.region,
  resources: [],
  detail: { ...input.detail },
});
