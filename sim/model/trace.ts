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
}
