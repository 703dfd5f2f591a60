/** Parser for `aws.ec2` "EC2 Spot Instance Interruption Warning": the 2-minute notice (no notice for hibernate). */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import { SPOT_NOTICE_LEAD_MS, type SpotAction, type SpotInterruptionWarning } from '../core/signals';
import { InstanceIdSchema } from './instance-id';
import { signalBase } from './signal-base';

// Keyed by the core type, so a SpotAction added in core and not here fails type-checking.
const SPOT_ACTIONS = { terminate: 'terminate', stop: 'stop', hibernate: 'hibernate' } satisfies {
  [A in SpotAction]: A;
};

/**
 * EventBridge envelope (Powertools' `EventBridgeSchema`, extended because `time` sets the deadline) with the
 * Spot interruption warning detail.
 *
 * The `resources` ARN carries the Availability Zone and no account (`arn:aws:ec2:us-east-1b:instance/i-...`) in
 * delivered events, unlike the EC2 User Guide's sample: the instance id is read from `detail.instance-id`, and the
 * ARN is never parsed.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html
 * @example
 * ```json
 * {
 *   "version": "0",
 *   "id": "1e5527d7-bb36-4607-3370-4164db56a40e",
 *   "detail-type": "EC2 Spot Instance Interruption Warning",
 *   "source": "aws.ec2",
 *   "account": "123456789012",
 *   "time": "1970-01-01T00:00:00Z",
 *   "region": "us-east-1",
 *   "resources": ["arn:aws:ec2:us-east-1b:instance/i-0b662ef9931388ba0"],
 *   "detail": { "instance-id": "i-0b662ef9931388ba0", "instance-action": "terminate" }
 * }
 * ```
 */
export const SpotInterruptionWarningEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('aws.ec2'),
  'detail-type': z.literal('EC2 Spot Instance Interruption Warning'),
  detail: z.object({
    'instance-id': InstanceIdSchema,
    'instance-action': z.enum(SPOT_ACTIONS),
  }),
});

/** A validated Spot interruption warning, as AWS sends it. */
export type SpotInterruptionWarningEvent = z.infer<typeof SpotInterruptionWarningEventSchema>;

/**
 * The domain signal. The event has no deadline field: it is `time` + 120 s, except for hibernate, which begins at
 * once and so has its deadline at `time`.
 */
export const toSignal = (event: SpotInterruptionWarningEvent): SpotInterruptionWarning => {
  const base = signalBase(event);
  const action = event.detail['instance-action'];
  return {
    ...base,
    kind: 'spot-interruption-warning',
    instanceId: event.detail['instance-id'],
    action,
    deadlineMs: action === 'hibernate' ? base.emittedAtMs : base.emittedAtMs + SPOT_NOTICE_LEAD_MS,
  };
};
