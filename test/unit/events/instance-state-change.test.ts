// State-change schema: every documented state parses; the User Guide sample without version does not.
import { describe, expect, it } from 'vitest';
import { InstanceStateChangeEventSchema, toSignal } from '../../../layers/events/instance-state-change';
import { awsDocsFixture, eventFixture, stateChange } from '../../fixtures/events/factories';

const failingPaths = (raw: unknown): string[] => {
  const result = InstanceStateChangeEventSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('InstanceStateChangeEventSchema', () => {
  it('accepts the real sample (state pending)', () => {
    // Prepare
    const raw = eventFixture('instance-state-change');

    // Act
    const event = InstanceStateChangeEventSchema.parse(raw);

    // Assess
    expect(event.detail).toEqual({ 'instance-id': 'i-abcd1111', state: 'pending' });
  });

  it.each(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'])('accepts state %s', (state) => {
    expect(failingPaths(stateChange({ state }))).toEqual([]);
  });

  it('rejects the EC2 User Guide sample, which has no version, naming version', () => {
    expect(failingPaths(awsDocsFixture('instance-state-change'))).toEqual(['version']);
  });

  it.each(['rebooting', 'Stopped', 'shutting_down'])('rejects state %j, naming detail.state', (state) => {
    expect(failingPaths(stateChange({ state }))).toEqual(['detail.state']);
  });
});

describe('instance-state-change toSignal', () => {
  it('keeps the state, whatever it is (the registry decides what to act on)', () => {
    // Prepare
    const event = InstanceStateChangeEventSchema.parse(stateChange({ state: 'running', instanceId: 'i-1234567890abcdef0' }));

    // Act
    const signal = toSignal(event);

    // Assess
    expect(signal).toEqual({
      kind: 'instance-state-change',
      eventId: '7bf73129-1428-4cd3-a780-95db273d1602',
      emittedAtMs: Date.UTC(2015, 10, 11, 21, 29, 54),
      region: 'us-east-1',
      account: '123456789012',
      instanceId: 'i-1234567890abcdef0',
      state: 'running',
    });
  });
});
