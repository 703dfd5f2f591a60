/** Names how a call to a local HTTP service (IMDS, Triton) failed: its status, or why no answer came at all. */

/** HTTP statuses worth trying again: the server is overloaded or failing, not refusing the request itself. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

const STATUS_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  408: 'RequestTimeout',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** An error code for a status these services answer without naming their errors (`BadRequest`, `Http418`). */
export const statusCodeName = (status: number): string => STATUS_NAMES[status] ?? `Http${status}`;

/**
 * `TimeoutError` when `AbortSignal.timeout` fired, else the socket error code undici wraps in `cause`
 * (`ECONNREFUSED`, `ECONNRESET`, ...), else `NetworkError`. Every one of them is worth retrying later.
 *
 * @example
 * fetchFailureCode(new DOMException('The operation was aborted due to timeout', 'TimeoutError')); // 'TimeoutError'
 */
export const fetchFailureCode = (error: unknown): string => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return error.name;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'NetworkError';
};

/** The message of a fetch failure with its socket-level cause, which undici hides behind "fetch failed". */
export const fetchFailureMessage = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
};
