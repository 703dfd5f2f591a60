/** Parser for `aws.health` "AWS Health Event" of service EC2 and category scheduledChange (stop, retirement...). */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import type { NoopSignal, ScheduledChange } from '../core/signals';
import { isInstanceId } from './instance-id';
import { preview } from './issue-message';
import { Rfc1123DateSchema } from './rfc1123-date';
import { signalBase } from './signal-base';

const HealthDetailSchema = z
  .object({
    eventArn: z.string(),
    service: z.literal('EC2'),
    eventTypeCode: z.string().min(1),
    eventTypeCategory: z.literal('scheduledChange'),
    startTime: Rfc1123DateSchema,
    endTime: Rfc1123DateSchema.optional(),
    eventDescription: z.array(z.object({ language: z.string(), latestDescription: z.string() })).optional(),
    affectedEntities: z.array(z.object({ entityValue: z.string() })).optional(),
  })
  .superRefine((detail, ctx) => {
    if (detail.endTime !== undefined && detail.endTime < detail.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'expected endTime at or after startTime' });
    }
  });

/**
 * EventBridge envelope (Powertools' `EventBridgeSchema`) with an EC2 scheduledChange Health detail. `startTime` and
 * `endTime` are RFC 1123 strings, parsed strictly to epoch ms; one event can name many instances in
 * `affectedEntities[].entityValue`. Other Health events never reach this schema: `ignoreReason` turns them into
 * no-ops first.
 *
 * @see https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html
 * @example
 * ```json
 * {
 *   "version": "0",
 *   "id": "7fb65329-1628-4cf3-a740-95fg457h1402",
 *   "detail-type": "AWS Health Event",
 *   "source": "aws.health",
 *   "account": "account id",
 *   "time": "2016-06-05T06:27:57Z",
 *   "region": "us-east-1",
 *   "resources": ["i-12345678"],
 *   "detail": {
 *     "eventArn": "arn:aws:health:region::event/id",
 *     "service": "EC2",
 *     "eventTypeCode": "AWS_EC2_DEDICATED_HOST_NETWORK_MAINTENANCE_SCHEDULED",
 *     "eventTypeCategory": "scheduledChange",
 *     "startTime": "Sat, 05 Jun 2016 15:10:09 GMT",
 *     "eventDescription": [{ "language": "en_US", "latestDescription": "A description of the event will be provided here" }],
 *     "affectedEntities": [{ "entityValue": "i-12345678", "tags": { "stage": "prod", "app": "my-app" } }]
 *   }
 * }
 * ```
 */
export const HealthScheduledChangeEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('aws.health'),
  'detail-type': z.literal('AWS Health Event'),
  detail: HealthDetailSchema,
});

/** A validated EC2 scheduledChange Health event; `startTime`/`endTime` are already epoch ms. */
export type HealthScheduledChangeEvent = z.infer<typeof HealthScheduledChangeEventSchema>;

/**
 * Why a Health event is acknowledged without parsing: another service, or a category other than scheduledChange.
 * `undefined` when it is (or claims to be) an EC2 scheduledChange, or when service/category are missing, so that
 * the schema reports them.
 */
export const ignoreReason = (detail: unknown): string | undefined => {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const { service, eventTypeCategory, eventTypeCode } = detail as Record<string, unknown>;
  if (typeof service !== 'string' || typeof eventTypeCategory !== 'string') return undefined;
  if (service === 'EC2' && eventTypeCategory === 'scheduledChange') return undefined;
  return `AWS Health event ${preview(eventTypeCode)} is service ${preview(service)}, category ${preview(eventTypeCategory)}: only EC2 scheduledChange is acted on`;
};

const describe = (detail: HealthScheduledChangeEvent['detail']): string | undefined => {
  const descriptions = detail.eventDescription ?? [];
  return (descriptions.find((d) => d.language === 'en_US') ?? descriptions[0])?.latestDescription;
};

/**
 * The domain signal naming every affected instance. Entities that are not instance ids (Dedicated Hosts, volumes)
 * are dropped; an event left with no instance becomes a no-op that says so.
 */
export const toSignal = (event: HealthScheduledChangeEvent): ScheduledChange | NoopSignal => {
  const { detail } = event;
  const entities = (detail.affectedEntities ?? []).map((entity) => entity.entityValue);
  const instanceIds = [...new Set(entities.filter(isInstanceId))];
  if (instanceIds.length === 0) {
    return {
      ...signalBase(event),
      kind: 'noop',
      reason: `AWS Health ${detail.eventTypeCode} names no EC2 instance (entities: ${entities.slice(0, 5).map(preview).join(', ') || 'none'})`,
    };
  }
  const description = describe(detail);
  return {
    ...signalBase(event),
    kind: 'scheduled-change',
    instanceIds,
    eventTypeCode: detail.eventTypeCode,
    startMs: detail.startTime,
    ...(detail.endTime === undefined ? {} : { endMs: detail.endTime }),
    ...(description === undefined ? {} : { description }),
  };
};
