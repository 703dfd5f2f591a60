/** Parser for `aws.ec2` "EC2 Instance State-change Notification": every state, actionable or not. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import type { InstanceState, InstanceStateChange } from '../core/signals';
import { InstanceIdSchema } from './instance-id';
import { signalBase } from './signal-base';

// Keyed by the core type, so an InstanceState added in core and not here fails type-checking.
const INSTANCE_STATES = {
  pending: 'pending',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  'shutting-down': 'shutting-down',
  terminated: 'terminated',
} satisfies { [S in InstanceState]: S };

/**
 * EventBridge envelope (Powertools' `EventBridgeSchema`) with the state-change detail. All six states parse; the
 * registry decides which ones are worth acting on.
 *
 * The EC2 User Guide's sample omits `version`; EventBridge always sends it (`"0"`), and this schema requires it.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitoring-instance-state-changes.html
 * @example
 * ```json
 * {
 *   "version": "0",
 *   "id": "7bf73129-1428-4cd3-a780-95db273d1602",
 *   "detail-type": "EC2 Instance State-change Notification",
 *   "source": "aws.ec2",
 *   "account": "123456789012",
 *   "time": "2015-11-11T21:29:54Z",
 *   "region": "us-east-1",
 *   "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
 *   "detail": { "instance-id": "i-abcd1111", "state": "pending" }
 * }
 * ```
 */
export const InstanceStateChangeEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('aws.ec2'),
  'detail-type': z.literal('EC2 Instance State-change Notification'),
  detail: z.object({
    'instance-id': InstanceIdSchema,
    state: z.enum(INSTANCE_STATES),
  }),
});

/** A validated state-change notification, as AWS sends it. */
export type InstanceStateChangeEvent = z.infer<typeof InstanceStateChangeEventSchema>;

/** The domain signal, for any state (`running` included). */
export const toSignal = (event: InstanceStateChangeEvent): InstanceStateChange => ({
  ...signalBase(event),
  kind: 'instance-state-change',
  instanceId: event.detail['instance-id'],
  state: event.detail.state,
});
