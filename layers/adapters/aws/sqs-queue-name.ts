/** The SQS QueueName of a queue URL: the dimension CloudWatch files the queue's AWS/SQS metrics under. */

/**
 * The last path segment of `https://sqs.<region>.amazonaws.com/<account>/<name>`, or undefined when the URL has
 * no valid queue name (1-80 of letters, digits, `-` and `_`, with `.fifo` for a FIFO queue).
 *
 * @example
 * sqsQueueName('https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work'); // 'bert-large-work'
 * sqsQueueName('https://sqs.us-east-1.amazonaws.com/123456789012/'); // undefined
 */
export const sqsQueueName = (queueUrl: string): string | undefined => {
  const segments = URL.canParse(queueUrl) ? new URL(queueUrl).pathname.split('/') : [];
  const name = segments.length === 3 ? segments[2] : undefined;
  return name !== undefined && /^[\w-]{1,80}(\.fifo)?$/.test(name) ? name : undefined;
};
