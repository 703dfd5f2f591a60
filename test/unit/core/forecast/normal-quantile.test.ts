// The inverse normal: the z of the quantiles the tiers use, symmetry, and no throw outside (0, 1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../../layers/core/forecast/normal-quantile';

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.75, 0.6744897502],
    [0.9, 1.2815515655],
    [0.95, 1.6448536270],
    [0.975, 1.9599639845],
    [0.999, 3.0902323062],
    [0.01, -2.3263478740],
  ])('gives z(%s) = %s as the tables do', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8);
  });

  it('is odd around 0.5 and increasing, across the central region and the tails', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 0.5, noNaN: true }), fc.double({ min: 1e-9, max: 0.5, noNaN: true }), (p, q) => {
        expect(normalQuantile(p) + normalQuantile(1 - p)).toBeCloseTo(0, 6);
        if (p < q) expect(normalQuantile(p)).toBeLessThanOrEqual(normalQuantile(q));
      }),
    );
  });

  it('returns the infinities and NaN outside (0, 1) instead of throwing', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});
