/** Turns whatever the EC2 client threw into a FleetApiError that says what we were doing and whether to retry. */
import { FleetApiError } from '../../ports/fleet-port';

/**
 * Codes worth retrying later, from "Error codes for the Amazon EC2 API" (server errors, throttling) plus
 * `IncorrectFleetState` (a fleet still `submitted`/`modifying`) and `ConcurrentTagAccess` (the doc says: wait, retry).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */
const RETRYABLE_CODES = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'IncorrectFleetState',
  'ConcurrentTagAccess',
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientAddressCapacity',
  'InternalError',
  'InternalFailure',
  'ServerInternal',
  'ServiceUnavailable',
  'Unavailable',
]);

/** Errors raised before EC2 answered (socket, DNS, timeout): the request may not even have arrived. */
const NETWORK_ERROR_NAMES = new Set(['TimeoutError', 'NetworkingError', 'RequestTimeout']);
const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

interface ServiceErrorShape {
  name: string;
  message: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

const isServiceError = (e: unknown): e is ServiceErrorShape =>
  e instanceof Error && typeof (e as Partial<ServiceErrorShape>).$metadata === 'object';

/** The EC2 error code of a thrown SDK error (the SDK puts it in `name`), or undefined for non-service errors. */
export const ec2ErrorCode = (e: unknown): string | undefined => (isServiceError(e) ? e.name : undefined);

/**
 * Wraps `e` as a FleetApiError whose message starts with what we were doing ("modifying fleet fleet-123: ...").
 *
 * @example
 * try { await ec2.send(command) } catch (e) { throw toFleetApiError(`modifying fleet ${fleetId}`, e) }
 */
export function toFleetApiError(doing: string, e: unknown): FleetApiError {
  if (e instanceof FleetApiError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  if (isServiceError(e)) {
    const status = e.$metadata?.httpStatusCode ?? 0;
    const retryable = RETRYABLE_CODES.has(e.name) || e.$fault === 'server' || status >= 500;
    return new FleetApiError(`${doing}: ${detail}`, e.name, retryable, { cause: e });
  }
  const name = e instanceof Error ? e.name : '';
  const sysCode = (e as { code?: unknown } | null)?.code;
  const network = NETWORK_ERROR_NAMES.has(name) || (typeof sysCode === 'string' && NETWORK_ERROR_CODES.has(sysCode));
  return new FleetApiError(`${doing}: ${detail}`, network ? 'NetworkingError' : 'UnknownError', network, { cause: e });
}
