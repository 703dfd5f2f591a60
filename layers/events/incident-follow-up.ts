/** Parser for our own `gpu-fleet-autopilot` "Incident Follow-up" event, scheduled through EventBridge Scheduler. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import type { FollowUpPurpose, IncidentFollowUp } from '../core/signals';
import { InstanceIdSchema } from './instance-id';
import { signalBase } from './signal-base';

// Keyed by the core type, so a FollowUpPurpose added in core and not here fails type-checking.
const FOLLOW_UP_PURPOSES = {
  'prepare-scheduled-change': 'prepare-scheduled-change',
  'drain-after-replacement': 'drain-after-replacement',
  'drain-timeout': 'drain-timeout',
} satisfies { [P in FollowUpPurpose]: P };

/**
 * EventBridge envelope (Powertools' `EventBridgeSchema`) with our follow-up detail. The follow-up schedule
 * targets the function directly (Scheduler's Lambda target) with this whole envelope as its `Input`
 * (layers/core/follow-up-event.ts builds it), so the function parses it like any EventBridge event; a bare
 * detail is rejected.
 *
 * @see https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html
 * @example
 * ```json
 * {
 *   "version": "0",
 *   "id": "0d8b2c8e-5a4f-4d2b-9a33-6f1c0b7d9e21",
 *   "detail-type": "Incident Follow-up",
 *   "source": "gpu-fleet-autopilot",
 *   "account": "123456789012",
 *   "time": "2024-05-14T03:12:00Z",
 *   "region": "us-east-1",
 *   "resources": [],
 *   "detail": { "instanceId": "i-0b662ef9931388ba0", "incidentId": "spot-i-0b662ef9931388ba0-20240514T030500000Z", "purpose": "drain-after-replacement" }
 * }
 * ```
 */
export const IncidentFollowUpEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('gpu-fleet-autopilot'),
  'detail-type': z.literal('Incident Follow-up'),
  detail: z.object({
    instanceId: InstanceIdSchema,
    incidentId: z.string().min(1).max(128),
    purpose: z.enum(FOLLOW_UP_PURPOSES),
  }),
});

/** A validated follow-up event, as EventBridge delivers it. */
export type IncidentFollowUpEvent = z.infer<typeof IncidentFollowUpEventSchema>;

/** The domain signal: which instance the follow-up is about and what it should check. */
export const toSignal = (event: IncidentFollowUpEvent): IncidentFollowUp => ({
  ...signalBase(event),
  kind: 'incident-follow-up',
  instanceId: event.detail.instanceId,
  incidentId: event.detail.incidentId,
  purpose: event.detail.purpose,
});
