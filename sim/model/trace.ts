/** A demand trace on the simulation's time grid: requests arriving in each step. */

export interface DemandTrace {
  /** Start of step 0, epoch ms (UTC). */
  startMs: number;
  stepSeconds: number;
  /** Requests arriving during each step (not rounded: a fluid model). */
  arrivals: Float64Array;
  /** Where it came from (file path or scenario name), for the report. */
  source: string;
  /** True when the source was shorter than the run and was repeated to fill it. */
  repeated: boolean;
  /** Resolution of the source, seconds (e.g. 1800 for NAB's 30-minute counts). */
  sourceResolutionSeconds: number;
  /** Demand of the days before `startMs`, when the scenario gives them: history for the forecaster, not simulated. */
  warmup?: WarmupHistory;
}

/**
 * Requests per step before the run, ending at the run's start: what CloudWatch would already hold about the
 * fleet's queue when the simulation begins (NumberOfMessagesSent datapoints). Policies that read history
 * (the forecast scaler) are given it; the engine never simulates it.
 */
export interface WarmupHistory {
  /** Start of step 0, epoch ms; the last step ends at the trace's `startMs`. */
  startMs: number;
  /** Width of a step, seconds (60: CloudWatch's one-minute SQS datapoints). */
  stepSeconds: number;
  /** Requests arriving during each step. */
  arrivals: Float64Array;
}
