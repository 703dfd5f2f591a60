import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { onDemandPart } from '../../../layers/app/apply-capacity-change';

describe('onDemandPart (the on-demand target sent with a new total)', () => {
  it('lowers the on-demand part with a total that falls below it', () => {
    // Prepare / Act / Assess
    expect(onDemandPart(800, 400, 600)).toEqual({ onDemandTargetCapacity: 600 });
  });

  it("restores the tier's on-demand base as the total grows back", () => {
    // Prepare: a night's scale-in left 200 on-demand units, the base is 400
    // Act
    const part = onDemandPart(200, 400, 1200);
    // Assess
    expect(part).toEqual({ onDemandTargetCapacity: 400 });
  });

  it("keeps the operator's on-demand part when it is within the total and at least the base", () => {
    expect(onDemandPart(700, 400, 1200)).toEqual({});
  });

  it('never sends an on-demand part above the total, below the base it can hold, or a fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 5000, noNaN: true }), fc.integer({ min: 0, max: 5000 }), (current, base, total) => {
        const sent = onDemandPart(current, base, total).onDemandTargetCapacity;
        const wanted = sent ?? current;
        if (sent !== undefined) expect(Number.isInteger(sent)).toBe(true);
        if (current > total) expect(sent).toBe(total);
        else expect(wanted).toBeGreaterThanOrEqual(Math.max(current, Math.min(Math.ceil(base), total)));
        expect(wanted).toBeLessThanOrEqual(Math.max(current, total));
      }),
    );
  });
});
