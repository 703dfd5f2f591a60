/** toFleetApiError: EC2 error codes become FleetApiErrors that say what we were doing and whether to retry. */
import { describe, expect, it } from 'vitest';
import { toFleetApiError } from '../../../../layers/adapters/aws/ec2-fleet-error';
import { FleetApiError } from '../../../../layers/ports/fleet-port';
import { ec2Error } from '../../../contract/fleet-ec2-fake';

describe('toFleetApiError', () => {
  it.each([
    ['RequestLimitExceeded', true],
    ['IncorrectFleetState', true],
    ['InsufficientInstanceCapacity', true],
    ['InternalError', true],
    ['Unavailable', true],
    ['ConcurrentTagAccess', true],
    ['UnauthorizedOperation', false],
    ['InvalidParameterValue', false],
    ['InvalidFleetId.NotFound', false],
    ['InvalidFleetId.Malformed', false],
    ['FleetNotInModifiableState', false],
  ])('maps EC2 %s to retryable=%s, keeping the code and the cause', (code, retryable) => {
    // Prepare
    const sdkError = ec2Error(code);

    // Act
    const error = toFleetApiError('modifying fleet fleet-123', sdkError);

    // Assess
    expect(error).toBeInstanceOf(FleetApiError);
    expect(error).toMatchObject({ code, retryable, cause: sdkError });
    expect(error.message).toBe(`modifying fleet fleet-123: ${sdkError.message}`);
  });

  it('retries any server fault, even with a code it has never seen', () => {
    // Prepare
    const sdkError = Object.assign(ec2Error('SomeNewServerError'), { $fault: 'server' as const });

    // Act
    const error = toFleetApiError('describing fleet fleet-123', sdkError);

    // Assess
    expect(error).toMatchObject({ code: 'SomeNewServerError', retryable: true });
  });

  it('retries a timeout or a reset socket, and not a programming error', () => {
    // Prepare
    const timeout = Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

    // Act
    const mapped = [timeout, reset, new TypeError('x is undefined')].map((e) => toFleetApiError('describing instances i-1', e));

    // Assess
    expect(mapped.map((e) => [e.code, e.retryable])).toEqual([
      ['NetworkingError', true],
      ['NetworkingError', true],
      ['UnknownError', false],
    ]);
  });

  it('passes a FleetApiError through unchanged', () => {
    // Prepare
    const original = new FleetApiError('modifying fleet fleet-1: gone', 'InvalidFleetId.NotFound', false);

    // Act
    const error = toFleetApiError('modifying fleet fleet-1', original);

    // Assess
    expect(error).toBe(original);
  });
});
