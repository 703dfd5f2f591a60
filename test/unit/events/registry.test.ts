// parseEvent: dispatch by (version, source, detail-type), and no-ops that say why.
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../../layers/core/signals';
import { parseEvent, type ParseResult } from '../../../layers/events/registry';
import { eventFixture, healthScheduledChange, stateChange, withField } from '../../fixtures/events/factories';

const signalOf = (result: ParseResult): Signal => {
  if (!result.ok) throw new Error(`expected a signal, got: ${result.error.message}`);
  return result.signal;
};

describe('parseEvent dispatch', () => {
  it.each([
    ['spot-interruption-warning', 'spot-interruption-warning'],
    ['rebalance-recommendation', 'rebalance-recommendation'],
    ['health-scheduled-change', 'scheduled-change'],
    ['incident-follow-up', 'incident-follow-up'],
  ] as const)('turns the %s fixture into a %s signal', (fixture, kind) => {
    expect(signalOf(parseEvent(eventFixture(fixture))).kind).toBe(kind);
  });

  it.each(['stopping', 'stopped', 'shutting-down', 'terminated'])('acts on an instance entering %s', (state) => {
    expect(signalOf(parseEvent(stateChange({ state })))).toMatchObject({ kind: 'instance-state-change', state });
  });

  it.each(['pending', 'running'])('acknowledges an instance entering %s as a no-op that says why', (state) => {
    // Prepare
    const raw = stateChange({ state });

    // Act
    const signal = signalOf(parseEvent(raw));

    // Assess
    expect(signal).toEqual({
      kind: 'noop',
      eventId: '7bf73129-1428-4cd3-a780-95db273d1602',
      emittedAtMs: Date.UTC(2015, 10, 11, 21, 29, 54),
      region: 'us-east-1',
      account: '123456789012',
      reason: `instance i-abcd1111 entered ${state}: only stopping, stopped, shutting-down and terminated are acted on`,
    });
  });
});

describe('parseEvent no-ops', () => {
  it('acknowledges an unknown detail-type of a known source, naming it', () => {
    // Prepare
    const raw = withField(eventFixture('rebalance-recommendation'), ['detail-type'], 'EC2 Fast Launch State-change Notification');

    // Act
    const signal = signalOf(parseEvent(raw));

    // Assess
    expect(signal).toMatchObject({ kind: 'noop', eventId: '5d5555d5-dd55-5555-5555-5555dd55d55d' });
    expect(signal).toMatchObject({ reason: expect.stringContaining('"EC2 Fast Launch State-change Notification"') });
  });

  it('acknowledges an unknown source, naming it', () => {
    const raw = withField(eventFixture('rebalance-recommendation'), ['source'], 'aws.autoscaling');
    expect(signalOf(parseEvent(raw))).toMatchObject({ kind: 'noop', reason: expect.stringContaining('"aws.autoscaling"') });
  });

  it('acknowledges an unknown version of a known kind, naming the version', () => {
    const raw = withField(eventFixture('spot-interruption-warning'), ['version'], '1');
    expect(signalOf(parseEvent(raw))).toMatchObject({ kind: 'noop', reason: expect.stringContaining('version "1"') });
  });

  it('acknowledges an AWS Health Abuse Event (another detail-type of aws.health)', () => {
    const raw = withField(eventFixture('health-scheduled-change'), ['detail-type'], 'AWS Health Abuse Event');
    expect(signalOf(parseEvent(raw)).kind).toBe('noop');
  });

  it.each(['health-elb-issue', 'health-ec2-issue'] as const)('acknowledges the documented %s as a no-op', (fixture) => {
    // Prepare
    const raw = eventFixture(fixture);

    // Act
    const signal = signalOf(parseEvent(raw));

    // Assess
    expect(signal).toMatchObject({ kind: 'noop', reason: expect.stringContaining('only EC2 scheduledChange') });
  });

  it('does not validate the detail of a Health event it ignores', () => {
    const raw = healthScheduledChange({ service: 'RDS', startTime: 'not a date' });
    expect(signalOf(parseEvent(raw)).kind).toBe('noop');
  });
});
