/** The AWS SDK clients of a Lambda cold start, built in one place with one retry policy. */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';

// Adaptive retry mode: client-side rate limiting when EC2 or DynamoDB throttle, the better fit for Lambda
// bursts (many interruptions at once); 5 attempts stay well inside the function's 60 s timeout.
const RETRY = { retryMode: 'adaptive', maxAttempts: 5 } as const;

export const awsClients = () => ({
  ec2: new EC2Client(RETRY),
  sqs: new SQSClient(RETRY),
  cloudwatch: new CloudWatchClient(RETRY),
  dynamodb: new DynamoDBClient(RETRY),
  scheduler: new SchedulerClient(RETRY),
  ssm: new SSMClient(RETRY),
});

export type AwsClients = ReturnType<typeof awsClients>;
