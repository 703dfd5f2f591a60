/** The risk weighting: expected cost of interruptions as a price multiplier, monotone in every piece of evidence. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterruptionBucket } from '../../../../layers/core/catalog/catalog-data';
import { advisorInterruptionsPerHour, spotRiskMultiplier, type RiskEvidence, type RiskWeights } from '../../../../layers/core/rebalance/interruption-risk';

const WEIGHTS: RiskWeights = { riskAversion: 20, replacementOverlapSeconds: 120, launchLeadTimeSeconds: 420, atRiskInterruptionsPerHour: 0.5 };
const CALM: RiskEvidence = { advisorBucket: 1, observedInterruptions24h: 0, instancesInPool: 4, atRisk: false, placementScore: undefined };

const anyEvidence: fc.Arbitrary<RiskEvidence> = fc.record({
  advisorBucket: fc.constantFrom<InterruptionBucket | undefined>(0, 1, 2, 3, 4, undefined),
  observedInterruptions24h: fc.integer({ min: 0, max: 50 }),
  instancesInPool: fc.integer({ min: 0, max: 40 }),
  atRisk: fc.boolean(),
  placementScore: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
});
const anyWeights: fc.Arbitrary<RiskWeights> = fc.record({
  riskAversion: fc.double({ min: 0, max: 100, noNaN: true }),
  replacementOverlapSeconds: fc.integer({ min: 0, max: 600 }),
  launchLeadTimeSeconds: fc.integer({ min: 0, max: 1800 }),
  atRiskInterruptionsPerHour: fc.double({ min: 0, max: 2, noNaN: true }),
});

describe('spotRiskMultiplier', () => {
  it('prices 3 interruptions in 24 h on 4 instances at about 9.5% with a 420 s lead, 120 s overlap and aversion 20', () => {
    // Act
    const multiplier = spotRiskMultiplier({ ...CALM, advisorBucket: 4, observedInterruptions24h: 3 }, WEIGHTS);

    // Assess
    expect(multiplier).toBeCloseTo(1 + 20 * (3 / 96 + 0.25 / 730) * (540 / 3600), 12);
    expect(multiplier).toBeCloseTo(1.0948, 4);
  });

  it('barely weighs a quiet pool: the advisor rate alone is small per hour', () => {
    // Act
    const multiplier = spotRiskMultiplier(CALM, WEIGHTS);

    // Assess
    expect(multiplier).toBeGreaterThan(1);
    expect(multiplier).toBeLessThan(1.001);
  });

  it('takes an unlisted type as the worst advisor bucket', () => {
    // Act / Assess
    expect(advisorInterruptionsPerHour(undefined)).toBe(advisorInterruptionsPerHour(4));
  });

  it('counts a placement score of 1 as twice the rate of a score of 10', () => {
    // Prepare
    const hoursLost = 540 / 3600;

    // Act
    const low = spotRiskMultiplier({ ...CALM, placementScore: 1 }, WEIGHTS) - 1;
    const high = spotRiskMultiplier({ ...CALM, placementScore: 10 }, WEIGHTS) - 1;

    // Assess
    expect(low / high).toBeCloseTo(2, 6);
    expect(high).toBeCloseTo(20 * advisorInterruptionsPerHour(1) * hoursLost, 9);
  });

  it('is at least 1, and exactly 1 with no risk aversion', () => {
    fc.assert(
      fc.property(anyEvidence, anyWeights, (evidence, weights) => {
        expect(spotRiskMultiplier(evidence, weights)).toBeGreaterThanOrEqual(1);
        expect(spotRiskMultiplier(evidence, { ...weights, riskAversion: 0 })).toBe(1);
      }),
    );
  });

  it('never falls when the evidence gets worse (more interruptions, worse bucket, at risk, lower score)', () => {
    fc.assert(
      fc.property(anyEvidence, anyWeights, fc.integer({ min: 1, max: 10 }), (evidence, weights, more) => {
        const base = spotRiskMultiplier(evidence, weights);
        const worseBucket = Math.min(4, (evidence.advisorBucket ?? 4) + 1) as InterruptionBucket;
        const lowerScore = Math.max(1, (evidence.placementScore ?? 10) - 1);
        expect(spotRiskMultiplier({ ...evidence, observedInterruptions24h: evidence.observedInterruptions24h + more }, weights)).toBeGreaterThanOrEqual(base);
        expect(spotRiskMultiplier({ ...evidence, advisorBucket: worseBucket }, weights)).toBeGreaterThanOrEqual(base);
        expect(spotRiskMultiplier({ ...evidence, atRisk: true }, weights)).toBeGreaterThanOrEqual(base);
        expect(spotRiskMultiplier({ ...evidence, placementScore: lowerScore }, weights)).toBeGreaterThanOrEqual(base);
      }),
    );
  });
});
