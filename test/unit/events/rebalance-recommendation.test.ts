// Rebalance recommendation schema against the real sample and the EC2 User Guide template.
import { describe, expect, it } from 'vitest';
import { RebalanceRecommendationEventSchema, toSignal } from '../../../layers/events/rebalance-recommendation';
import {
  awsDocsFixture,
  eventFixture,
  rebalanceRecommendation,
  withField,
} from '../../fixtures/events/factories';

const failingPaths = (raw: unknown): string[] => {
  const result = RebalanceRecommendationEventSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('RebalanceRecommendationEventSchema', () => {
  it('accepts the real sample', () => {
    // Prepare
    const raw = eventFixture('rebalance-recommendation');

    // Act
    const result = RebalanceRecommendationEventSchema.safeParse(raw);

    // Assess
    expect(result.success).toBe(true);
  });

  it('rejects the EC2 User Guide template, naming its placeholder time', () => {
    expect(failingPaths(awsDocsFixture('rebalance-recommendation'))).toEqual(['time']);
  });

  it('rejects an instance-id that is not a string, naming detail.instance-id', () => {
    expect(failingPaths(withField(eventFixture('rebalance-recommendation'), ['detail', 'instance-id'], 42))).toEqual(
      ['detail.instance-id'],
    );
  });

  it('rejects a spot warning detail-type, naming detail-type', () => {
    const raw = withField(eventFixture('rebalance-recommendation'), ['detail-type'], 'EC2 Spot Instance Interruption Warning');
    expect(failingPaths(raw)).toEqual(['detail-type']);
  });
});

describe('rebalance-recommendation toSignal', () => {
  it('names the instance at risk, with the event id and emission time', () => {
    // Prepare
    const event = RebalanceRecommendationEventSchema.parse(
      rebalanceRecommendation({ instanceId: 'i-1234567890abcdef0', time: '2020-10-26T14:14:14Z' }),
    );

    // Act
    const signal = toSignal(event);

    // Assess
    expect(signal).toEqual({
      kind: 'rebalance-recommendation',
      eventId: '5d5555d5-dd55-5555-5555-5555dd55d55d',
      emittedAtMs: Date.UTC(2020, 9, 26, 14, 14, 14),
      region: 'us-east-1',
      account: '123456789012',
      instanceId: 'i-1234567890abcdef0',
    });
  });
});
