/** What the forecast scaler reads: a fleet's demand history (CloudWatch GetMetricData) and recent arrival rate. */
import { PortError } from './port-error';
import type { DemandMetric } from '../core/forecast/forecast-settings';
import type { DemandSeries } from '../core/forecast/forecast-types';

/** Thrown when the history cannot be read; `retryable` says whether trying again later may help. */
export class DemandHistoryError extends PortError {
  override readonly name = 'DemandHistoryError';
}

export interface DemandHistoryRequest {
  metric: DemandMetric;
  /** The fleet's queues: summed for `sqs-messages-sent` (QueueName dimension = last URL segment). */
  queueUrls: readonly string[];
  /** Inclusive start and exclusive end, both multiples of `periodSeconds` (the caller aligns them). */
  startMs: number;
  endMs: number;
  periodSeconds: number;
}

export interface DemandHistoryPort {
  /**
   * The `Sum` per period from `startMs` to `endMs` on a regular grid, oldest first; a period CloudWatch has
   * no datapoint for is `undefined` (a gap, not a zero: SQS publishes no datapoint for an idle queue only when
   * it is inactive, and the forecaster treats both cases the same way).
   */
  demandHistory(request: DemandHistoryRequest): Promise<DemandSeries>;
}
