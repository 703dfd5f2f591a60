/** The error an alarm raises for a definition CloudWatch would refuse or a sample it cannot place. */

/**
 * An alarm input the evaluator cannot work with: a definition PutMetricAlarm would reject (period, M of N,
 * evaluation window) or a sample older than periods already evaluated. Never retryable: the input must change.
 *
 * @example
 * ```ts
 * new AlarmInputError('gpu-high: datapointsToAlarm 4 exceeds evaluationPeriods 3');
 * ```
 */
export class AlarmInputError extends Error {
  override readonly name = 'AlarmInputError';
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
