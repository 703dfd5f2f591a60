/** The EventBridge-shaped events the autopilot schedules for itself (follow-ups, forecast steps): one shape, one source. */

/** The `source` of every event the autopilot sends itself through EventBridge Scheduler. */
export const AUTOPILOT_EVENT_SOURCE = 'gpu-fleet-autopilot';

/** An EventBridge event as the scheduled target receives it, so the function parses it like any other event. */
export interface ScheduledEvent<DetailType extends string, Detail> {
  version: '0';
  id: string;
  'detail-type': DetailType;
  source: typeof AUTOPILOT_EVENT_SOURCE;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Detail;
}

/** What a scheduled event is built from: `name` is the schedule's name, so every delivery carries it as the event id. */
export interface ScheduledEventInput<Detail> {
  name: string;
  atMs: number;
  account: string;
  region: string;
  detail: Detail;
}

/**
 * The second a one-time schedule for `atMs` fires, as `yyyy-mm-ddThh:mm:ss` (UTC, no zone): the `at(...)`
 * expression has whole seconds, and rounding up keeps a schedule from firing before its time.
 *
 * @example
 * scheduleSecond(Date.UTC(2026, 2, 1, 12, 5, 0, 250)); // '2026-03-01T12:05:01'
 */
export const scheduleSecond = (atMs: number): string => new Date(Math.ceil(atMs / 1000) * 1000).toISOString().slice(0, 19);

/**
 * The event a schedule named `input.name` delivers at `input.atMs`.
 *
 * @example
 * scheduledEvent('Forecast Step', { name: 'step-1', atMs, account: '111122223333', region: 'eu-west-1', detail });
 */
export const scheduledEvent = <DetailType extends string, Detail extends object>(
  detailType: DetailType,
  input: ScheduledEventInput<Detail>,
): ScheduledEvent<DetailType, Detail> => ({
  version: '0',
  id: input.name,
  'detail-type': detailType,
  source: AUTOPILOT_EVENT_SOURCE,
  account: input.account,
  time: `${scheduleSecond(input.atMs)}Z`,
  region: input.region,
  resources: [],
  detail: { ...input.detail },
});
