/** Parser for `aws.ec2` "EC2 Instance Rebalance Recommendation": the early, best-effort interruption risk signal. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import type { RebalanceRecommendation } from '../core/signals';
import { InstanceIdSchema } from './instance-id';
import { signalBase } from './signal-base';

/**
 * EventBridge envelope (Powertools' `EventBridgeSchema`) with the rebalance recommendation detail. As with the Spot
 * warning, delivered events carry an AZ-form `resources` ARN with no account: only `detail.instance-id` is read.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/rebalance-recommendations.html
 * @example
 * ```json
 * {
 *   "version": "0",
 *   "id": "5d5555d5-dd55-5555-5555-5555dd55d55d",
 *   "detail-type": "EC2 Instance Rebalance Recommendation",
 *   "source": "aws.ec2",
 *   "account": "123456789012",
 *   "time": "2020-10-26T14:14:14Z",
 *   "region": "us-east-1",
 *   "resources": ["arn:aws:ec2:us-east-1b:instance/i-0b662ef9931388ba0"],
 *   "detail": { "instance-id": "i-0b662ef9931388ba0" }
 * }
 * ```
 */
export const RebalanceRecommendationEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('aws.ec2'),
  'detail-type': z.literal('EC2 Instance Rebalance Recommendation'),
  detail: z.object({ 'instance-id': InstanceIdSchema }),
});

/** A validated rebalance recommendation, as AWS sends it. */
export type RebalanceRecommendationEvent = z.infer<typeof RebalanceRecommendationEventSchema>;

/** The domain signal: which instance is at elevated risk; no deadline, the warning may follow at any time. */
export const toSignal = (event: RebalanceRecommendationEvent): RebalanceRecommendation => ({
  ...signalBase(event),
  kind: 'rebalance-recommendation',
  instanceId: event.detail['instance-id'],
});
