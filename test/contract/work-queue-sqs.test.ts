/** Runs the WorkQueuePort contract against SqsWorkQueue talking to local-aws-sqs through the real SQS SDK. */
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll } from 'vitest';
import { SqsWorkQueue } from '../../layers/adapters/aws/sqs-work-queue';
import { closedPortEndpoint, localSqsClient, startLocalSqs, type LocalSqs } from '../helpers/local-sqs';
import { describeWorkQueueContract } from './work-queue.contract';

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

describeWorkQueueContract('SqsWorkQueue on local-aws-sqs', async () => {
  const sqs = clientFor(localSqs.endpoint);
  const dead = clientFor(deadEndpoint);
  const queueArn = async (queueUrl: string): Promise<string> => {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    if (!Attributes?.QueueArn) throw new Error(`reading the ARN of ${queueUrl}: none in the response`);
    return Attributes.QueueArn;
  };
  return {
    port: new SqsWorkQueue({ sqs }),
    unavailablePort: new SqsWorkQueue({ sqs: dead }),
    createQueue: async (name, redrive) => {
      const attributes = redrive
        ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await queueArn(redrive.deadLetterQueueUrl), maxReceiveCount: redrive.maxReceiveCount }) }
        : undefined;
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
      if (!QueueUrl) throw new Error(`creating queue ${name}: no QueueUrl in the response`);
      return QueueUrl;
    },
    missingQueueUrl: `${localSqs.endpoint}/123456789012/no-such-queue`,
    nowMs: () => Date.now(),
    passSeconds: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
    close: async () => {
      sqs.destroy();
      dead.destroy();
    },
  };
});
