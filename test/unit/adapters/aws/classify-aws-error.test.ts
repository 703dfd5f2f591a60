/** classify-aws-error: which AWS failures are worth retrying later, and what they are called. */
import { SQSServiceException } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { awsErrorName, isRetryableAwsError } from '../../../../layers/adapters/aws/classify-aws-error';

const serviceError = (name: string, httpStatusCode: number): SQSServiceException =>
  new SQSServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', message: name, $metadata: { httpStatusCode } });
const networkError = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });

describe('isRetryableAwsError', () => {
  it.each([
    ['throttling by name', serviceError('ThrottlingException', 400)],
    ['throttling by status', serviceError('SomethingNew', 429)],
    ['a server fault', serviceError('InternalFailure', 500)],
    ['an unavailable service', serviceError('ServiceUnavailable', 503)],
    ['a refused connection', networkError('ECONNREFUSED')],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('retries %s', (_, error) => {
    // Assess
    expect(isRetryableAwsError(error)).toBe(true);
  });

  it.each([
    ['a missing queue', serviceError('QueueDoesNotExist', 400)],
    ['denied access', serviceError('AccessDeniedException', 400)],
    ['a validation error', serviceError('ValidationException', 400)],
    ['an aborted call', Object.assign(new Error('aborted'), { name: 'AbortError' })],
    ['a non-error', 'boom'],
  ])('does not retry %s', (_, error) => {
    // Assess
    expect(isRetryableAwsError(error)).toBe(false);
  });
});

describe('awsErrorName', () => {
  it('names service errors by their AWS name, network errors by their code, anything else Unknown', () => {
    // Assess
    expect(awsErrorName(serviceError('QueueDoesNotExist', 400))).toBe('QueueDoesNotExist');
    expect(awsErrorName(networkError('ECONNREFUSED'))).toBe('ECONNREFUSED');
    expect(awsErrorName(new Error('plain'))).toBe('Unknown');
    expect(awsErrorName(undefined)).toBe('Unknown');
  });
});
