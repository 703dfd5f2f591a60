// makeInterruptionModel: monthly shares per advisor bucket, per-instance determinism, rebalance-before-warning ordering.
import { describe, expect, it } from 'vitest';
import { spotAdvisorFor } from '../../../../layers/core/catalog/spot-advisor';
import { seededRandom } from '../../../../sim/model/random';
import type { InterruptionDraw } from '../../../../sim/model/market';
import { hazardPerMs, makeInterruptionModel, MONTH_MS, WARNING_LEAD_MS } from '../../../../sim/market/interruption-model';
import { MarketConfigError } from '../../../../sim/market/market-config-error';

const LAUNCH = Date.UTC(2026, 2, 2);
const instance = (i: number, instanceType = 'g5.xlarge', launchMs = LAUNCH) => ({ instanceId: `i-${i.toString(16).padStart(17, '0')}`, instanceType, availabilityZone: 'us-east-1a', launchMs });
const drawMany = (count: number, instanceType: string, seed = 11, options: { rebalanceProbability?: number } = {}) => {
  const model = makeInterruptionModel({ random: seededRandom(seed), ...options });
  return Array.from({ length: count }, (_, i) => model.draw(instance(i, instanceType), LAUNCH + MONTH_MS));
};

describe('makeInterruptionModel rates', () => {
  it.each([
    ['g4ad.xlarge', 0, 0.025],
    ['g5g.2xlarge', 1, 0.075],
    ['p4d.24xlarge', 2, 0.125],
    ['g4dn.xlarge', 3, 0.175],
    ['g5.xlarge', 4, 0.25],
  ] as const)('interrupts about the bucket share of %s (bucket %i) within a month', (type, bucket, fraction) => {
    // Prepare
    expect(spotAdvisorFor(type)?.interruptionBucket).toBe(bucket);
    // Act
    const draws = drawMany(20_000, type);
    // Assess: binomial sd <= 0.0031 at n = 20,000; 0.012 is about four of them
    const share = draws.filter((d) => d !== undefined).length / draws.length;
    expect(Math.abs(share - fraction)).toBeLessThan(0.012);
  });

  it('treats a type the advisor does not list as the >20% bucket', () => {
    // Prepare / Act
    const share = drawMany(20_000, 'g7.2xlarge').filter((d) => d !== undefined).length / 20_000;
    // Assess
    expect(spotAdvisorFor('g7.2xlarge')).toBeUndefined();
    expect(Math.abs(share - 0.25)).toBeLessThan(0.012);
  });

  it('has the hazard that gives the monthly fraction', () => {
    // Prepare / Act
    const survival = Math.exp(-hazardPerMs(0.175) * MONTH_MS);
    // Assess
    expect(1 - survival).toBeCloseTo(0.175, 12);
  });
});

describe('makeInterruptionModel determinism', () => {
  it('gives the same draws for the same seed and other draws for another seed', () => {
    // Prepare / Act
    const first = drawMany(500, 'g5.xlarge', 5);
    const again = drawMany(500, 'g5.xlarge', 5);
    const other = drawMany(500, 'g5.xlarge', 6);
    // Assess
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('draws an instance\'s fate from its id, not from the order of calls', () => {
    // Prepare
    const forward = makeInterruptionModel({ random: seededRandom(9) });
    const backward = makeInterruptionModel({ random: seededRandom(9) });
    const ids = Array.from({ length: 200 }, (_, i) => i);
    const end = LAUNCH + 6 * MONTH_MS;
    // Act
    const a = ids.map((i) => forward.draw(instance(i), end));
    const b = [...ids].reverse().map((i) => backward.draw(instance(i), end)).reverse();
    // Assess
    expect(b).toEqual(a);
    expect(new Set(a.map((d) => d?.interruptAtMs)).size).toBeGreaterThan(150);
  });

  it('is not shifted by later use of the caller\'s generator', () => {
    // Prepare
    const random = seededRandom(4);
    const model = makeInterruptionModel({ random });
    const end = LAUNCH + 6 * MONTH_MS;
    // Act
    const before = model.draw(instance(1), end);
    random.next();
    random.fork('other');
    const after = model.draw(instance(1), end);
    // Assess
    expect(after).toEqual(before);
  });
});

describe('makeInterruptionModel rebalance recommendations', () => {
  const end = LAUNCH + 12 * MONTH_MS;
  const interrupted = (draws: (InterruptionDraw | undefined)[]) => draws.filter((d): d is InterruptionDraw => d !== undefined);

  it('sends each recommendation at or before the warning, never before launch, and the warning never before launch', () => {
    // Prepare: launches spread so that some interruptions come minutes after launch
    const model = makeInterruptionModel({ random: seededRandom(21) });
    // Act
    const pairs = Array.from({ length: 5000 }, (_, i) => {
      const spec = instance(i, 'g5.xlarge', LAUNCH + i * 1000);
      return { launchMs: spec.launchMs, draw: model.draw(spec, end) };
    });
    // Assess
    for (const { launchMs, draw } of pairs) {
      if (draw === undefined) continue;
      const warningMs = draw.interruptAtMs - WARNING_LEAD_MS;
      expect(warningMs).toBeGreaterThanOrEqual(launchMs);
      expect(draw.rebalanceAtMs).toBeDefined();
      expect(draw.rebalanceAtMs ?? Number.NaN).toBeLessThanOrEqual(warningMs);
      expect(draw.rebalanceAtMs ?? Number.NaN).toBeGreaterThanOrEqual(launchMs);
    }
  });

  it('sends about 80% of recommendations 2 to 20 minutes ahead, and the rest with the warning', () => {
    // Prepare / Act
    const draws = interrupted(drawMany(20_000, 'g5.xlarge', 13)).filter((d) => d.interruptAtMs - WARNING_LEAD_MS - LAUNCH > 1_200_000);
    const leads = draws.map((d) => (d.interruptAtMs - WARNING_LEAD_MS - (d.rebalanceAtMs ?? 0)) / 1000);
    // Assess
    const early = leads.filter((s) => s > 0);
    expect(Math.abs(early.length / leads.length - 0.8)).toBeLessThan(0.03);
    for (const s of early) {
      expect(s).toBeGreaterThanOrEqual(120);
      expect(s).toBeLessThanOrEqual(1200);
    }
  });

  it('sends every recommendation with the warning when the probability is 0', () => {
    // Prepare / Act
    const draws = interrupted(drawMany(2000, 'g5.xlarge', 17, { rebalanceProbability: 0 }));
    // Assess
    expect(draws.length).toBeGreaterThan(300);
    for (const d of draws) expect(d.rebalanceAtMs).toBe(d.interruptAtMs - WARNING_LEAD_MS);
  });

  it('rejects options outside their domain', () => {
    // Prepare / Act / Assess
    expect(() => makeInterruptionModel({ random: seededRandom(1), rebalanceProbability: 1.2 })).toThrow(MarketConfigError);
    expect(() => makeInterruptionModel({ random: seededRandom(1), rebalanceLeadSeconds: [600, 120] })).toThrow(/rebalanceLeadSeconds/);
  });
});
