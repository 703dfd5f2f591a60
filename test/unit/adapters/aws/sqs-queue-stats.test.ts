/** SqsQueueStats details the emulator cannot show: the request, garbled responses, throttling. */
import { GetQueueAttributesCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SqsQueueStats } from '../../../../layers/adapters/aws/sqs-queue-stats';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work';
const newClient = (): SQSClient => new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe('SqsQueueStats', () => {
  it('asks for the three depth counters of the queue in one call', async () => {
    // Prepare
    const sqs = newClient();
    const mock = mockClient(sqs);
    mock.on(GetQueueAttributesCommand).resolves({
      Attributes: { ApproximateNumberOfMessages: '7', ApproximateNumberOfMessagesNotVisible: '2', ApproximateNumberOfMessagesDelayed: '1' },
    });

    // Act
    const stats = await new SqsQueueStats({ sqs }).stats(QUEUE_URL);

    // Assess
    expect(mock.commandCalls(GetQueueAttributesCommand).map((c) => c.args[0].input)).toEqual([
      {
        QueueUrl: QUEUE_URL,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      },
    ]);
    expect(stats).toEqual({ queueUrl: QUEUE_URL, visibleMessages: 7, inFlightMessages: 2, delayedMessages: 1 });
  });

  it.each([
    ['missing', { ApproximateNumberOfMessages: '7', ApproximateNumberOfMessagesNotVisible: '2' }],
    ['not a count', { ApproximateNumberOfMessages: '', ApproximateNumberOfMessagesNotVisible: '2', ApproximateNumberOfMessagesDelayed: '0' }],
  ])('rejects a response whose counter is %s rather than reading it as zero', async (_, attributes) => {
    // Prepare
    const sqs = newClient();
    mockClient(sqs).on(GetQueueAttributesCommand).resolves({ Attributes: attributes });

    // Act
    const read = new SqsQueueStats({ sqs }).stats(QUEUE_URL);

    // Assess
    await expect(read).rejects.toMatchObject({ name: 'QueueError', code: 'MalformedResponse', retryable: false });
  });

  it('wraps SQS throttling in a retryable QueueError that keeps the cause', async () => {
    // Prepare
    const sqs = newClient();
    const throttled = new SQSServiceException({ name: 'RequestThrottled', $fault: 'client', message: 'Request is throttled.', $metadata: { httpStatusCode: 403 } });
    mockClient(sqs).on(GetQueueAttributesCommand).rejects(throttled);

    // Act
    const read = new SqsQueueStats({ sqs }).stats(QUEUE_URL);

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'RequestThrottled', retryable: true, cause: throttled });
    await expect(read).rejects.toThrow(`reading depth of queue ${QUEUE_URL}: Request is throttled.`);
  });
});
