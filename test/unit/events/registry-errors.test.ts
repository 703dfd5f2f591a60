// parseEvent errors: they name the kind, the id and the failing fields, and never escape as a throw.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { EventParseError } from '../../../layers/events/errors';
import { parseEvent, type ParseResult } from '../../../layers/events/registry';
import {
  awsDocsFixture,
  eventFixture,
  healthScheduledChange,
  spotWarning,
  withoutField,
} from '../../fixtures/events/factories';

const errorOf = (result: ParseResult): EventParseError => {
  if (result.ok) throw new Error(`expected an error, got a ${result.signal.kind} signal`);
  return result.error;
};

describe('parseEvent errors', () => {
  it('names the kind, the id and the failing field with the allowed values', () => {
    // Prepare
    const raw = spotWarning({ id: '1234', action: 'action' });

    // Act
    const error = errorOf(parseEvent(raw));

    // Assess
    expect(error).toBeInstanceOf(EventParseError);
    expect(error.message).toBe(
      'EC2 Spot Instance Interruption Warning event 1234: detail.instance-action: expected one of terminate|stop|hibernate, received "action"',
    );
    expect(error).toMatchObject({ retryable: false, eventId: '1234', detailType: 'EC2 Spot Instance Interruption Warning' });
    expect(error.fields).toEqual(['detail.instance-action']);
    expect(error.cause).toBeInstanceOf(ZodError);
  });

  it('rejects the EC2 User Guide spot template, naming both placeholders', () => {
    // Prepare
    const raw = awsDocsFixture('spot-interruption-warning');

    // Act
    const error = errorOf(parseEvent(raw));

    // Assess
    expect(error.fields).toEqual(['time', 'detail.instance-action']);
    expect(error.message).toContain('time: expected an ISO 8601 UTC time like "2021-11-11T21:29:54Z", received "yyyy-mm-ddThh:mm:ssZ"');
  });

  it('rejects an EC2 scheduledChange with a malformed startTime, naming detail.startTime', () => {
    const error = errorOf(parseEvent(healthScheduledChange({ startTime: '2016-06-05T15:10:09Z' })));
    expect(error.message).toMatch(/^AWS Health Event event 7fb65329-1628-4cf3-a740-95fg457h1402: detail\.startTime: expected an RFC 1123 date/);
  });

  it('says which bound an endTime before the startTime breaks, without echoing the whole detail', () => {
    // Prepare
    const raw = healthScheduledChange({ startTime: 'Sun, 05 Jun 2016 15:10:09 GMT', endTime: 'Sun, 05 Jun 2016 15:00:00 GMT' });

    // Act
    const error = errorOf(parseEvent(raw));

    // Assess
    expect(error.message).toMatch(/: detail\.endTime: expected endTime at or after startTime$/);
  });

  it('rejects a Health event that does not say which service it is about, naming detail.service', () => {
    const raw = withoutField(eventFixture('health-scheduled-change'), ['detail', 'service']);
    expect(errorOf(parseEvent(raw)).fields).toEqual(['detail.service']);
  });

  it('rejects an envelope without id, saying so in place of the id', () => {
    // Prepare
    const raw = withoutField(eventFixture('rebalance-recommendation'), ['id']);

    // Act
    const error = errorOf(parseEvent(raw));

    // Assess
    expect(error.message).toBe(
      'EC2 Instance Rebalance Recommendation event (no id): id: expected string, received undefined',
    );
    expect(error.eventId).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['a string', 'EC2 Spot Instance Interruption Warning'],
    ['an array', [eventFixture('spot-interruption-warning')]],
    ['a number', 42],
  ])('rejects %s as the event itself', (_what, raw) => {
    // Act
    const error = errorOf(parseEvent(raw));

    // Assess
    expect(error.fields).toEqual(['(event)']);
    expect(error.message).toMatch(/^EventBridge event \(no id\): \(event\): expected object, received/);
  });

  it('lists five failing fields and counts the rest, so a garbage event gives a bounded message', () => {
    // Prepare
    const raw = { version: 0, id: 1, source: 2, account: 3, time: 4, region: 5, resources: 6, 'detail-type': 7 };

    // Act
    const error = errorOf(parseEvent(raw));

    // Assess
    expect(error.fields).toEqual([...Object.keys(raw), 'detail']);
    expect(error.message.split('; ')).toHaveLength(6);
    expect(error.message).toMatch(/; and 4 more$/);
  });

  it('turns a throwing proxy into an error result instead of throwing', () => {
    // Prepare
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );

    // Act
    const result = parseEvent(hostile);

    // Assess
    expect(errorOf(result).message).toBe('event could not be read: Error: trap');
  });

  it('turns a throwing getter inside detail into an error result', () => {
    // Prepare
    const raw = eventFixture('spot-interruption-warning');
    Object.defineProperty(raw.detail, 'instance-action', {
      enumerable: true,
      get: () => {
        throw new RangeError('getter');
      },
    });

    // Act
    const error = errorOf(parseEvent(raw));

    // Assess
    expect(error.message).toContain('RangeError: getter');
    expect(error.retryable).toBe(false);
  });
});
