/** The SQS limits and input checks the queue twin enforces, with the error codes SQS answers them with. */
import { QueueError } from '../ports/queue-port';

// SQS limits (CreateQueue / SendMessage / ReceiveMessage / ChangeMessageVisibility API reference).
export const MAX_DELAY_SECONDS = 900;
export const MAX_VISIBILITY_SECONDS = 43_200;
export const MAX_RECEIVE = 10;
/** SendMessage accepts at most 10 message attributes. */
export const MAX_MESSAGE_ATTRIBUTES = 10;
/** RedrivePolicy's maxReceiveCount is 1 to 1,000. */
export const MAX_RECEIVE_COUNT = 1_000;

/** The twin's receipt handles are `<messageId>#<receive number>`; anything else is not a handle SQS gave out. */
export const messageIdOf = (receiptHandle: string): string => {
  const match = /^(msg-\d+)#\d+$/.exec(receiptHandle);
  if (!match?.[1]) throw new QueueError(`using receipt handle ${receiptHandle}: it is not valid`, 'ReceiptHandleIsInvalid', false);
  return match[1];
};

export const inRange = (name: string, value: number, min: number, max: number): number => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new QueueError(`validating ${name}: ${value} is not an integer in [${min}, ${max}]`, 'InvalidParameterValue', false);
  }
  return value;
};

/** SQS's RedrivePolicy: a message received `maxReceiveCount` times moves to the DLQ on the next receive. */
export interface RedrivePolicy {
  deadLetterQueueUrl: string;
  maxReceiveCount: number;
}

/** CreateQueue checks that `deadLetterTargetArn` names an existing queue. */
export const checkedRedrivePolicy = (policy: RedrivePolicy, exists: (queueUrl: string) => boolean): RedrivePolicy => {
  inRange('maxReceiveCount', policy.maxReceiveCount, 1, MAX_RECEIVE_COUNT);
  if (!exists(policy.deadLetterQueueUrl)) {
    throw new QueueError(`validating RedrivePolicy: dead-letter queue ${policy.deadLetterQueueUrl} does not exist`, 'InvalidParameterValue', false);
  }
  return { ...policy };
};

// SQS rejects empty attribute values and names outside [A-Za-z0-9_.-] (up to 256, not starting with AWS./Amazon.).
export const checkedAttributes = (attributes: Record<string, string>): Record<string, string> => {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw new QueueError(`validating MessageAttributes: ${names.length} attributes, at most ${MAX_MESSAGE_ATTRIBUTES}`, 'InvalidParameterValue', false);
  }
  for (const name of names) {
    const invalidName = !/^[A-Za-z0-9_.-]{1,256}$/.test(name) || /^(aws\.|amazon\.)/i.test(name) || name.startsWith('.') || name.endsWith('.');
    if (invalidName) throw new QueueError(`validating MessageAttributes: name "${name}" is not allowed`, 'InvalidParameterValue', false);
    if (attributes[name] === '') {
      throw new QueueError(`validating MessageAttributes: attribute "${name}" must contain a non-empty value`, 'InvalidParameterValue', false);
    }
  }
  return { ...attributes };
};
