/** Classifies AWS SDK failures: their name, and whether retrying later may help (throttling, 5xx, network). */

// The same classes the SDK's own retry strategy treats as throttling or transient (@smithy service error
// classification). The SDK has already retried these by the time we see them; a later retry (the next
// invocation, the Lambda retry, the next simulator step) may still succeed, which is what `retryable` tells.
const THROTTLING_NAMES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerException',
  'InternalServerError',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

interface AwsErrorLike {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** The AWS error name (`ThrottlingException`, `QueueDoesNotExist`, ...) or the Node error code, else `Unknown`. */
export const awsErrorName = (error: unknown): string => {
  const e = (error ?? {}) as AwsErrorLike;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  return typeof e.name === 'string' && e.name !== 'Error' ? e.name : 'Unknown';
};

/**
 * True for throttling, 5xx, timeouts and network errors; false for validation, access and not-found errors.
 *
 * @example
 * isRetryableAwsError(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} })); // true
 */
export const isRetryableAwsError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as AwsErrorLike;
  if (e.name === 'AbortError') return false;
  if (e.$retryable !== undefined) return true;
  if (typeof e.name === 'string' && (THROTTLING_NAMES.has(e.name) || TRANSIENT_NAMES.has(e.name))) return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status === 429 || status >= 500);
};
