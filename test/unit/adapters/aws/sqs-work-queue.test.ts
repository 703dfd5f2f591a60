/** SqsWorkQueue's request shapes and batch splitting, against SQS responses in the API reference's shape. */
import {
  ChangeMessageVisibilityBatchCommand,
  type ChangeMessageVisibilityBatchCommandInput,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsWorkQueue } from '../../../../layers/adapters/aws/sqs-work-queue';

const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work';
const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const mock = mockClient(sqs);

// A ReceiveMessage response as the API reference documents it (JSON protocol).
const receivedMessage = {
  MessageId: '5fea7756-0ea4-451a-a703-a558b933e274',
  ReceiptHandle: 'MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFljTM8tJJg6HRG6PYSasuWXPJB+Cw',
  MD5OfBody: 'fafb00f5732ab283681e124bf8747ed1',
  Body: '{"inputs":[]}',
  Attributes: { ApproximateReceiveCount: '3', SentTimestamp: '1772366400000' },
  MessageAttributes: {
    replyTo: { DataType: 'String', StringValue: 'https://sqs.us-east-1.amazonaws.com/123456789012/replies' },
    priority: { DataType: 'Number', StringValue: '2' },
    thumbnail: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) },
  },
};

describe('SqsWorkQueue', () => {
  let queue: SqsWorkQueue;
  beforeEach(() => {
    mock.reset();
    queue = new SqsWorkQueue({ sqs });
  });

  it('asks for all message attributes and the receive count and sent time through MessageSystemAttributeNames', async () => {
    // Prepare
    mock.on(ReceiveMessageCommand).resolves({ Messages: [receivedMessage] });

    // Act
    const messages = await queue.receive(queueUrl, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60 });

    // Assess
    expect(mock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 20,
      VisibilityTimeout: 60,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
    });
    expect(messages).toEqual([
      {
        messageId: receivedMessage.MessageId,
        receiptHandle: receivedMessage.ReceiptHandle,
        body: '{"inputs":[]}',
        attributes: { replyTo: 'https://sqs.us-east-1.amazonaws.com/123456789012/replies', priority: '2' },
        receiveCount: 3,
        sentAtMs: 1_772_366_400_000,
      },
    ]);
  });

  it('rejects a message that comes without its receive count as a malformed response', async () => {
    // Prepare
    mock.on(ReceiveMessageCommand).resolves({ Messages: [{ ...receivedMessage, Attributes: { SentTimestamp: '1772366400000' } }] });

    // Act
    const receiving = queue.receive(queueUrl, { maxMessages: 1, waitTimeSeconds: 0, visibilityTimeoutSeconds: 60 });

    // Assess
    await expect(receiving).rejects.toMatchObject({ name: 'WorkQueueError', code: 'MalformedResponse', retryable: false });
  });

  it('sends attributes as String message attributes and none when there are none', async () => {
    // Prepare
    mock.on(SendMessageCommand).resolves({ MessageId: 'b1', MD5OfMessageBody: 'x' });

    // Act
    await queue.send(queueUrl, 'reply', { correlationId: 'req-42' });
    await queue.send(queueUrl, 'plain');

    // Assess
    const inputs = mock.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(inputs).toEqual([
      { QueueUrl: queueUrl, MessageBody: 'reply', MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'req-42' } } },
      { QueueUrl: queueUrl, MessageBody: 'plain' },
    ]);
  });

  it('splits a batch release into calls of at most 10 and maps failed entry ids back to handles', async () => {
    // Prepare
    const handles = Array.from({ length: 23 }, (_, i) => `handle-${i}`);
    mock.on(ChangeMessageVisibilityBatchCommand).callsFake((input: ChangeMessageVisibilityBatchCommandInput) => {
      const entries = input.Entries ?? [];
      const failed = entries.filter((e) => e.ReceiptHandle === 'handle-14');
      return {
        Successful: entries.filter((e) => !failed.includes(e)).map((e) => ({ Id: e.Id })),
        Failed: failed.map((e) => ({ Id: e.Id, SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle is invalid.' })),
      };
    });

    // Act
    const failed = await queue.changeVisibilityBatch(queueUrl, handles, 0);

    // Assess
    expect(failed).toEqual(['handle-14']);
    const sizes = mock.commandCalls(ChangeMessageVisibilityBatchCommand).map((call) => call.args[0].input.Entries?.length);
    expect(sizes).toEqual([10, 10, 3]);
  });

  it('keeps releasing after one call of the batch fails, counting that call\'s handles as failed', async () => {
    // Prepare
    const handles = Array.from({ length: 12 }, (_, i) => `handle-${i}`);
    mock
      .on(ChangeMessageVisibilityBatchCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }))
      .resolves({ Successful: [{ Id: 'm0' }, { Id: 'm1' }], Failed: [] });

    // Act
    const failed = await queue.changeVisibilityBatch(queueUrl, handles, 0);

    // Assess
    expect(failed).toEqual(handles.slice(0, 10));
    expect(mock.commandCalls(ChangeMessageVisibilityBatchCommand)).toHaveLength(2);
  });

  it('rejects the batch release when every call fails', async () => {
    // Prepare
    mock.on(ChangeMessageVisibilityBatchCommand).rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }));

    // Act
    const releasing = queue.changeVisibilityBatch(queueUrl, ['handle-0', 'handle-1'], 0);

    // Assess
    await expect(releasing).rejects.toMatchObject({ name: 'WorkQueueError', code: 'QueueDoesNotExist', retryable: false });
  });

  it('makes no call for an empty batch', async () => {
    // Act
    const failed = await queue.changeVisibilityBatch(queueUrl, [], 0);

    // Assess
    expect(failed).toEqual([]);
    expect(mock.commandCalls(ChangeMessageVisibilityBatchCommand)).toHaveLength(0);
  });
});
