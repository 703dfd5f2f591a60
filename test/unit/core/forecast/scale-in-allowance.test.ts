// The hourly scale-in budget: a share of the target at the start of the rolling hour, in whole units.
import { describe, expect, it } from 'vitest';
import { scaleInAllowance, unitsLeft } from '../../../../layers/core/forecast/scale-in-allowance';
import { T0_MS } from '../../../helpers/spot-factories';

const MINUTE_MS = 60_000;

describe('scaleInAllowance', () => {
  it('counts the scale-ins of the last hour and takes the share of the target before them', () => {
    // Act
    const allowance = scaleInAllowance(T0_MS, 1500, 0.25, [
      { atMs: T0_MS - 10 * MINUTE_MS, units: 300 },
      { atMs: T0_MS - 59 * MINUTE_MS, units: 200 },
    ]);

    // Assess: 25% of 2000
    expect(allowance).toEqual({ maxUnitsPerHour: 500, unitsInLastHour: 500 });
    expect(unitsLeft(allowance)).toBe(0);
  });

  it('forgets a scale-in exactly an hour old, and ignores ones in the future', () => {
    // Act
    const allowance = scaleInAllowance(T0_MS, 2000, 0.25, [
      { atMs: T0_MS - 60 * MINUTE_MS, units: 400 },
      { atMs: T0_MS + MINUTE_MS, units: 400 },
    ]);

    // Assess
    expect(allowance).toEqual({ maxUnitsPerHour: 500, unitsInLastHour: 0 });
  });

  it('rounds down to whole units without losing one to float noise', () => {
    expect(scaleInAllowance(T0_MS, 100, 0.29, []).maxUnitsPerHour).toBe(29);
    expect(scaleInAllowance(T0_MS, 1001, 0.25, []).maxUnitsPerHour).toBe(250);
  });

  it('leaves nothing, never a negative amount, once the budget is overspent', () => {
    expect(unitsLeft({ maxUnitsPerHour: 300, unitsInLastHour: 450 })).toBe(0);
    expect(unitsLeft({ maxUnitsPerHour: 300, unitsInLastHour: 120 })).toBe(180);
  });
});
