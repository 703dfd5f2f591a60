/** The event a forecast-step schedule delivers: one planned capacity step, posted at its time by the forecast scaler. */
import { AUTOPILOT_EVENT_SOURCE, scheduledEvent, type ScheduledEvent, type ScheduledEventInput } from './scheduled-event';

export const FORECAST_STEP_SOURCE = AUTOPILOT_EVENT_SOURCE;
export const FORECAST_STEP_DETAIL_TYPE = 'Forecast Step';

/** The detail of a `Forecast Step` event (source `gpu-fleet-autopilot`). */
export interface ForecastStepDetail {
  fleetId: string;
  /** Capacity units the fleet must have from `effectiveAtMs` (the forecast step the capacity is for). */
  targetUnits: number;
  effectiveAtMs: number;
  /** The forecast run that planned it (for the ledger and for superseding). */
  runId: string;
}

export type ForecastStepEvent = ScheduledEvent<typeof FORECAST_STEP_DETAIL_TYPE, ForecastStepDetail>;

/**
 * `name` is the schedule's name: every delivery of one step carries it as the event id (the idempotency key).
 *
 * @example
 * forecastStepEvent({ name: 'step-bert-20260301T1205', atMs, account: '111122223333', region: 'eu-west-1',
 *   detail: { fleetId: 'fleet-6f2a9c4e', targetUnits: 1200, effectiveAtMs: atMs + 600_000, runId: 'run-1' } });
 */
export const forecastStepEvent = (input: ScheduledEventInput<ForecastStepDetail>): ForecastStepEvent =>
  scheduledEvent(FORECAST_STEP_DETAIL_TYPE, input);
