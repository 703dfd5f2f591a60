/** The ledger adapter's typed error, and how DynamoDB SDK errors map onto it (retryable or not). */
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';

/**
 * A ledger call that failed. The message says what the ledger was doing ("claiming key k: ..."); `cause`
 * holds the SDK error. `retryable` is true for throttling, server-side faults and network failures, which
 * a later attempt (a Lambda retry, a redelivered message) may get through; the SDK has retried them already.
 */
export class LedgerError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'LedgerError';
    this.retryable = options.retryable;
  }
}

/** DynamoDB's own transient refusals (a write racing a transaction or a replica), beyond the generic AWS ones. */
const DYNAMODB_TRANSIENT_NAMES = new Set(['TransactionConflictException', 'ReplicatedWriteConflictException']);

/** True for the error DynamoDB returns when a ConditionExpression did not hold. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  awsErrorName(error) === 'ConditionalCheckFailedException';

/** Wraps whatever the SDK threw as a LedgerError that says what we were doing ("claiming key k"). */
export const toLedgerError = (doing: string, error: unknown): LedgerError => {
  if (error instanceof LedgerError) return error;
  const name = awsErrorName(error);
  const detail = error instanceof Error && error.message !== '' ? error.message : String(error);
  return new LedgerError(`${doing}: ${name}: ${detail}`, {
    retryable: isRetryableAwsError(error) || DYNAMODB_TRANSIENT_NAMES.has(name),
    cause: error,
  });
};
