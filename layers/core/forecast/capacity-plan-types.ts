/** What the capacity planner is given (forecast, observed load, limits) and what it decides. */
import type { FleetConfig } from '../fleet';
import type { ForecastSettings } from './forecast-settings';
import type { Forecast } from './forecast-types';

/** A scale-in the fleet already had: `units` removed at `atMs` (kept in the ForecastState). */
export interface PastScaleIn {
  atMs: number;
  units: number;
}

export interface CapacityPlanInput {
  nowMs: number;
  /** Min/max units, launch lead time and capacity per type. */
  fleet: FleetConfig;
  /** The fleet's settings with the tier's defaults filled in (forecastSettingsOf). */
  settings: ForecastSettings;
  /** Requests per step from `forecast.startMs`; model `none` means no usable history. */
  forecast: Forecast;
  /** Arrival rate over the last few minutes (SQS NumberOfMessagesSent), requests per second; undefined if unknown. */
  observedQps: number | undefined;
  /** Visible messages in the fleet's queues. */
  backlog: number;
  /** The fleet's TotalTargetCapacity now. */
  currentTargetUnits: number;
  /** Open Spot incidents on this fleet: no scale-in while there is one. */
  openIncidentIds: string[];
  /** Scale-ins of the fleet (older entries are ignored: only the rolling hour counts). */
  scaleInsLastHour: PastScaleIn[];
  /** Seconds until the next run: steps whose need rises before then are scheduled one by one. */
  runIntervalSeconds: number;
}

/** The need at one forecast step, for the dashboard (forecast vs planned capacity). */
export interface PlannedStep {
  /** Start of the forecast step. */
  atMs: number;
  /** Point forecast and its upper quantile, requests per second. */
  demandQps: number;
  upperQps: number;
  /** Capacity units that step needs (before the fleet's min/max). */
  units: number;
}

/** A rise between this run and the next: post `units` at `atMs` so it serves from `effectiveAtMs`. */
export interface ScheduledStep {
  /** `effectiveAtMs` minus the fleet's launch lead time. */
  atMs: number;
  effectiveAtMs: number;
  units: number;
}

/** What the forecast and the observed load say the fleet needs (the planner's working values). */
export interface Needs {
  /** Per forecast step, the whole horizon (empty without a forecast). */
  steps: PlannedStep[];
  neededNowUnits: number;
  /** Max need over the steps from now to now + launch lead; undefined when the forecast does not cover them. */
  leadUnits: number | undefined;
  /**
   * Max need from now until the next run's launch lead ends: capacity removed now and needed again before then
   * would be relaunched by a scheduled step, paying the launch lead for nothing, so a scale-in stops there.
   */
  untilNextRunUnits: number | undefined;
  /** The point forecast of the step holding now, requests per second (what the observed load is checked against). */
  pointNowQps: number | undefined;
  /** Why there is no usable forecast (for the reason and the hold reasons). */
  forecastProblem?: string;
}

export type CapacityDecision = 'scale-out' | 'scale-in' | 'hold';

export interface CapacityPlan {
  decision: CapacityDecision;
  fromUnits: number;
  /** The new target (whole units): equal to `fromUnits` when holding. */
  toUnits: number;
  /** Needed units per forecast step, over the whole horizon. */
  steps: PlannedStep[];
  /** What the observed load and the backlog need now (0 when neither is known). */
  neededNowUnits: number;
  /** The most any step from now to now + launch lead time needs: the value that matters now (without a usable forecast, the need now). */
  leadUnits: number;
  /** Rises between this run and the next, each above the one before and above `toUnits`, in time order. */
  scheduledSteps: ScheduledStep[];
  /** One sentence for the ledger and Slack, with numbers and units. */
  reason: string;
  /** Why a scale-in was limited or refused (empty when nothing held it back). */
  holdReasons: string[];
}
