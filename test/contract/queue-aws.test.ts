/** Runs the QueuePort contract against SqsQueueStats talking to local-aws-sqs through the real SQS SDK. */
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll } from 'vitest';
import { SqsQueueStats } from '../../layers/adapters/aws/sqs-queue-stats';
import { closedPortEndpoint, localSqsClient, startLocalSqs, type LocalSqs } from '../helpers/local-sqs';
import { describeQueueContract } from './queue.contract';

const clientFor = localSqsClient;

let localSqs: LocalSqs;
let deadEndpoint: string;
beforeAll(async () => {
  localSqs = await startLocalSqs();
  deadEndpoint = await closedPortEndpoint();
});
afterAll(async () => {
  await localSqs.stop();
});

describeQueueContract('SqsQueueStats on local-aws-sqs', async () => {
  const sqs = clientFor(localSqs.endpoint);
  return {
    port: new SqsQueueStats({ sqs }),
    unavailablePort: new SqsQueueStats({ sqs: clientFor(deadEndpoint) }),
    createQueue: async (name) => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      if (!QueueUrl) throw new Error(`creating queue ${name}: no QueueUrl in the response`);
      return QueueUrl;
    },
    missingQueueUrl: `${localSqs.endpoint}/123456789012/no-such-queue`,
    send: async (queueUrl, options) => {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"request":"infer"}', DelaySeconds: options?.delaySeconds }));
    },
    receive: async (queueUrl, count, visibilityTimeoutSeconds) => {
      const handles: string[] = [];
      // A short poll may return fewer messages than asked; a few rounds collect exactly `count`.
      for (let round = 0; round < 10 && handles.length < count; round += 1) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: count - handles.length,
            VisibilityTimeout: visibilityTimeoutSeconds,
            WaitTimeSeconds: 0,
          }),
        );
        for (const message of Messages) if (message.ReceiptHandle) handles.push(message.ReceiptHandle);
      }
      if (handles.length !== count) throw new Error(`receiving ${count} messages: got ${handles.length}`);
      return handles;
    },
    deleteMessage: async (queueUrl, receiptHandle) => {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
    },
    changeVisibility: async (queueUrl, receiptHandle, seconds) => {
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
    },
    close: async () => {
      sqs.destroy();
    },
  };
});
