// Spot interruption warning schema against the real sample and the EC2 User Guide template; the deadline rule.
import { describe, expect, it } from 'vitest';
import {
  SpotInterruptionWarningEventSchema,
  toSignal,
} from '../../../layers/events/spot-interruption-warning';
import { awsDocsFixture, eventFixture, spotWarning, withoutField } from '../../fixtures/events/factories';

const failingPaths = (raw: unknown): string[] => {
  const result = SpotInterruptionWarningEventSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('SpotInterruptionWarningEventSchema', () => {
  it('accepts the real sample, whose resources ARN is in AZ form with no account', () => {
    // Prepare
    const raw = eventFixture('spot-interruption-warning');

    // Act
    const event = SpotInterruptionWarningEventSchema.parse(raw);

    // Assess
    expect(event.resources).toEqual(['arn:aws:ec2:us-east-1b:instance/i-0b662ef9931388ba0']);
    expect(event.detail).toEqual({ 'instance-id': 'i-0b662ef9931388ba0', 'instance-action': 'terminate' });
  });

  it('rejects the EC2 User Guide template, naming its placeholder time and instance-action', () => {
    // Prepare
    const raw = awsDocsFixture('spot-interruption-warning');

    // Act
    const paths = failingPaths(raw);

    // Assess
    expect(paths).toEqual(['time', 'detail.instance-action']);
  });

  it.each(['TERMINATE', 'reboot', ''])('rejects instance-action %j, naming detail.instance-action', (action) => {
    expect(failingPaths(spotWarning({ action }))).toEqual(['detail.instance-action']);
  });

  it.each(['i-123', 'i-0B662EF9931388BA0', 'arn:aws:ec2:us-east-1b:instance/i-0b662ef9931388ba0'])(
    'rejects instance-id %j, naming detail.instance-id',
    (instanceId) => {
      expect(failingPaths(spotWarning({ instanceId }))).toEqual(['detail.instance-id']);
    },
  );

  it('rejects an event without detail, naming detail', () => {
    expect(failingPaths(withoutField(eventFixture('spot-interruption-warning'), ['detail']))).toEqual(['detail']);
  });

  it('rejects a time with an offset instead of Z, naming time', () => {
    expect(failingPaths(spotWarning({ time: '2021-11-11T21:29:54+00:00' }))).toEqual(['time']);
  });
});

describe('spot-interruption-warning toSignal', () => {
  it('reads the instance from detail.instance-id and sets the deadline 120 s after the event time', () => {
    // Prepare
    const event = SpotInterruptionWarningEventSchema.parse(spotWarning({ time: '2024-05-14T03:10:00Z' }));

    // Act
    const signal = toSignal(event);

    // Assess
    expect(signal).toEqual({
      kind: 'spot-interruption-warning',
      eventId: '1e5527d7-bb36-4607-3370-4164db56a40e',
      emittedAtMs: Date.UTC(2024, 4, 14, 3, 10, 0),
      region: 'us-east-1',
      account: '123456789012',
      instanceId: 'i-0b662ef9931388ba0',
      action: 'terminate',
      deadlineMs: Date.UTC(2024, 4, 14, 3, 12, 0),
    });
  });

  it('gives stop the same 2-minute lead as terminate', () => {
    const signal = toSignal(SpotInterruptionWarningEventSchema.parse(spotWarning({ action: 'stop' })));
    expect(signal.deadlineMs - signal.emittedAtMs).toBe(120_000);
  });

  it('gives hibernate no lead: the deadline is the event time', () => {
    // Prepare
    const event = SpotInterruptionWarningEventSchema.parse(spotWarning({ action: 'hibernate' }));

    // Act
    const signal = toSignal(event);

    // Assess
    expect(signal.action).toBe('hibernate');
    expect(signal.deadlineMs).toBe(signal.emittedAtMs);
  });
});
