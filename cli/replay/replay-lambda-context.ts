/** The Lambda context fields Powertools reads, for replays that run the handler without a Lambda runtime. */
import type { Context } from 'aws-lambda';

export const replayLambdaContext = (region: string, account: string, requestId: string): Context => ({
  functionName: 'gpu-fleet-autopilot-replay-spotInterruption',
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${region}:${account}:function:gpu-fleet-autopilot-replay-spotInterruption`,
  memoryLimitInMB: '512',
  awsRequestId: requestId,
  logGroupName: '/aws/lambda/replay',
  logStreamName: 'replay',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
