// Our Incident Follow-up schema: the purposes core knows, and the envelope Scheduler must deliver.
import { describe, expect, it } from 'vitest';
import { IncidentFollowUpEventSchema, toSignal } from '../../../layers/events/incident-follow-up';
import { eventFixture, incidentFollowUp, withoutField } from '../../fixtures/events/factories';

const failingPaths = (raw: unknown): string[] => {
  const result = IncidentFollowUpEventSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('IncidentFollowUpEventSchema', () => {
  it('accepts our follow-up event', () => {
    expect(failingPaths(eventFixture('incident-follow-up'))).toEqual([]);
  });

  it.each(['prepare-scheduled-change', 'drain-after-replacement', 'drain-timeout'])('accepts purpose %s', (purpose) => {
    expect(failingPaths(incidentFollowUp({ purpose }))).toEqual([]);
  });

  it('rejects an unknown purpose, naming detail.purpose', () => {
    expect(failingPaths(incidentFollowUp({ purpose: 'drain-now' }))).toEqual(['detail.purpose']);
  });

  it('rejects a follow-up that does not name its incident, naming detail.incidentId', () => {
    // Act
    const missing = failingPaths(withoutField(eventFixture('incident-follow-up'), ['detail', 'incidentId']));
    const empty = failingPaths(incidentFollowUp({ incidentId: '' }));

    // Assess
    expect(missing).toEqual(['detail.incidentId']);
    expect(empty).toEqual(['detail.incidentId']);
  });

  it('rejects a detail without instanceId, naming detail.instanceId', () => {
    expect(failingPaths(withoutField(eventFixture('incident-follow-up'), ['detail', 'instanceId']))).toEqual([
      'detail.instanceId',
    ]);
  });

  it('rejects the bare detail a schedule invoking the function directly would deliver, naming the envelope', () => {
    // Prepare
    const bareDetail = { instanceId: 'i-0b662ef9931388ba0', purpose: 'drain-timeout' };

    // Act
    const paths = failingPaths(bareDetail);

    // Assess
    expect(paths).toEqual(expect.arrayContaining(['version', 'id', 'source', 'detail-type', 'time', 'detail']));
  });
});

describe('incident-follow-up toSignal', () => {
  it('carries the instance, the incident that scheduled it and the purpose', () => {
    // Prepare
    const event = IncidentFollowUpEventSchema.parse(incidentFollowUp({ purpose: 'drain-timeout', incidentId: 'spot-i-0b662ef9931388ba0-20240514T031000000Z' }));

    // Act
    const signal = toSignal(event);

    // Assess
    expect(signal).toEqual({
      kind: 'incident-follow-up',
      eventId: '0d8b2c8e-5a4f-4d2b-9a33-6f1c0b7d9e21',
      emittedAtMs: Date.UTC(2024, 4, 14, 3, 12, 0),
      region: 'us-east-1',
      account: '123456789012',
      instanceId: 'i-0b662ef9931388ba0',
      incidentId: 'spot-i-0b662ef9931388ba0-20240514T031000000Z',
      purpose: 'drain-timeout',
    });
  });
});
