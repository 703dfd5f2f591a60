// EC2 scheduledChange Health schema, its instance filtering, and which Health events it ignores.
import { describe, expect, it } from 'vitest';
import {
  HealthScheduledChangeEventSchema,
  ignoreReason,
  toSignal,
} from '../../../layers/events/health-scheduled-change';
import { eventFixture, healthScheduledChange, withoutField } from '../../fixtures/events/factories';

const failingPaths = (raw: unknown): string[] => {
  const result = HealthScheduledChangeEventSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

const signalOf = (raw: unknown) => toSignal(HealthScheduledChangeEventSchema.parse(raw));

describe('HealthScheduledChangeEventSchema', () => {
  it('accepts the real EC2 scheduledChange sample and parses its RFC 1123 startTime', () => {
    // Prepare
    const raw = eventFixture('health-scheduled-change');

    // Act
    const event = HealthScheduledChangeEventSchema.parse(raw);

    // Assess
    expect(event.detail.startTime).toBe(Date.UTC(2016, 5, 5, 15, 10, 9));
    expect(event.detail.affectedEntities).toEqual([{ entityValue: 'i-12345678' }]);
  });

  it.each([
    ['an ISO time', '2016-06-05T15:10:09Z'],
    ['a day that does not exist', 'Tue, 31 Feb 2016 15:10:09 GMT'],
    ['a zone other than GMT', 'Sat, 05 Jun 2016 15:10:09 UTC'],
    ['an hour past 23', 'Sat, 05 Jun 2016 24:00:00 GMT'],
    ['no day name', '05 Jun 2016 15:10:09 GMT'],
  ])('rejects %s as startTime, naming detail.startTime', (_what, startTime) => {
    expect(failingPaths(healthScheduledChange({ startTime }))).toEqual(['detail.startTime']);
  });

  it('rejects an endTime before the startTime, naming detail.endTime', () => {
    const raw = healthScheduledChange({ startTime: 'Sun, 05 Jun 2016 15:10:09 GMT', endTime: 'Sun, 05 Jun 2016 15:10:08 GMT' });
    expect(failingPaths(raw)).toEqual(['detail.endTime']);
  });

  it('rejects an entity whose entityValue is not a string, naming the entity', () => {
    const raw = healthScheduledChange();
    (raw.detail as { affectedEntities: unknown[] }).affectedEntities.push({ entityValue: 7 });
    expect(failingPaths(raw)).toEqual(['detail.affectedEntities.1.entityValue']);
  });

  it('rejects an event without startTime, naming detail.startTime', () => {
    expect(failingPaths(withoutField(eventFixture('health-scheduled-change'), ['detail', 'startTime']))).toEqual([
      'detail.startTime',
    ]);
  });
});

describe('health-scheduled-change toSignal', () => {
  it('turns the real sample into a scheduled change for its instance', () => {
    // Prepare
    const raw = eventFixture('health-scheduled-change');

    // Act
    const signal = signalOf(raw);

    // Assess
    expect(signal).toEqual({
      kind: 'scheduled-change',
      eventId: '7fb65329-1628-4cf3-a740-95fg457h1402',
      emittedAtMs: Date.UTC(2016, 5, 5, 6, 27, 57),
      region: 'us-east-1',
      account: 'account id',
      instanceIds: ['i-12345678'],
      eventTypeCode: 'AWS_EC2_DEDICATED_HOST_NETWORK_MAINTENANCE_SCHEDULED',
      startMs: Date.UTC(2016, 5, 5, 15, 10, 9),
      description: 'A description of the event will be provided here',
    });
  });

  it('keeps every named instance once and drops entities that are not instances', () => {
    // Prepare
    const raw = healthScheduledChange({
      eventTypeCode: 'AWS_EC2_PERSISTENT_INSTANCE_RETIREMENT_SCHEDULED',
      entityValues: ['i-1234567890abcdef0', 'h-0123456789abcdef0', 'i-abcd1111', 'vol-049df61146c4d7901', 'i-abcd1111'],
      endTime: 'Sun, 05 Jun 2016 17:10:09 GMT',
    });

    // Act
    const signal = signalOf(raw);

    // Assess
    expect(signal).toMatchObject({
      kind: 'scheduled-change',
      instanceIds: ['i-1234567890abcdef0', 'i-abcd1111'],
      endMs: Date.UTC(2016, 5, 5, 17, 10, 9),
    });
  });

  it('becomes a no-op naming the event type when no entity is an instance', () => {
    // Prepare
    const raw = healthScheduledChange({
      eventTypeCode: 'AWS_EC2_DEDICATED_HOST_RETIREMENT_SCHEDULED',
      entityValues: ['h-0123456789abcdef0'],
    });

    // Act
    const signal = signalOf(raw);

    // Assess
    expect(signal.kind).toBe('noop');
    expect(signal).toMatchObject({ reason: expect.stringContaining('AWS_EC2_DEDICATED_HOST_RETIREMENT_SCHEDULED') });
    expect(signal).toMatchObject({ reason: expect.stringContaining('"h-0123456789abcdef0"') });
  });

  it('becomes a no-op when the event lists no affected entities at all', () => {
    const signal = signalOf(withoutField(eventFixture('health-scheduled-change'), ['detail', 'affectedEntities']));
    expect(signal).toMatchObject({ kind: 'noop', reason: expect.stringContaining('names no EC2 instance') });
  });
});

describe('health-scheduled-change ignoreReason', () => {
  it('ignores another service (the documented ELB API issue), naming it', () => {
    expect(ignoreReason(eventFixture('health-elb-issue').detail)).toContain('service "ELASTICLOADBALANCING"');
  });

  it('ignores an EC2 event of another category (the documented instance store issue), naming it', () => {
    expect(ignoreReason(eventFixture('health-ec2-issue').detail)).toContain('category "issue"');
  });

  it('lets an EC2 scheduledChange through to the schema', () => {
    expect(ignoreReason(eventFixture('health-scheduled-change').detail)).toBeUndefined();
  });

  it('lets a detail without service through, so that the schema reports the missing field', () => {
    expect(ignoreReason({ eventTypeCategory: 'scheduledChange' })).toBeUndefined();
    expect(ignoreReason(null)).toBeUndefined();
  });
});
