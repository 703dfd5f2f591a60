// actionSavings: what the autopilot's actions saved against not acting, by hand-computed examples.
import { describe, expect, it } from 'vitest';
import { actionSavings, type CostAction } from '../../../../layers/core/cost/action-savings';
import { DAY0, DAY_MS, g5Spot, HOUR_MS, hourlySamples } from '../../../helpers/cost-report-factories';

const FLEET_ID = 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f';
// 10 x g5.xlarge Spot at $0.40, 100 units each: $4/h for 1000 units = $0.004 per unit-hour
const SAMPLES = hourlySamples(FLEET_ID, DAY0, [g5Spot(10)]);
const at = (hour: number): number => DAY0 + hour * HOUR_MS;
const capacity = (hour: number, from: number, to: number): CostAction => ({ atMs: at(hour), group: 'capacity', type: 'modify-fleet-capacity', reason: `${from} -> ${to}`, unitsBefore: from, unitsAfter: to });

describe('actionSavings', () => {
  it('holds a scale-in until the scale-out that needed the capacity back', () => {
    // Act
    const savings = actionSavings([capacity(2, 1000, 800), capacity(6, 800, 1000)], SAMPLES, DAY0, DAY0 + DAY_MS);

    // Assess: 200 units x $0.004 x 4 h = $3.20; the scale-out itself saves nothing
    expect(savings).toHaveLength(1);
    expect(savings[0]).toMatchObject({ usdPerHourSaved: 0.8, heldHours: 4 });
    expect(savings[0]?.usd).toBeCloseTo(3.2, 10);
  });

  it('stacks consecutive scale-ins and holds the last to the end of the window', () => {
    // Act
    const savings = actionSavings([capacity(20, 1000, 900), capacity(22, 900, 800)], SAMPLES, DAY0, DAY0 + DAY_MS);

    // Assess: 100 units x 0.004 x 4 h + 100 units x 0.004 x 2 h = 1.60 + 0.80
    expect(savings.map((s) => s.heldHours)).toEqual([4, 2]);
    expect(savings.reduce((sum, s) => sum + s.usd, 0)).toBeCloseTo(2.4, 10);
  });

  it('takes the $/hour a move recorded, counting its terminate and release records once', () => {
    // Prepare: a move of i-0abc from on-demand to Spot, $4.805 -> $4.00 after its surge, recorded twice
    const move = (hour: number, type: string): CostAction => ({ atMs: at(hour), group: 'i-0abc', type, reason: 'move to Spot', usdPerHourBefore: 4.805, usdPerHourAfter: 4 });
    const surge: CostAction = { atMs: at(9.5), group: 'i-0abc', type: 'rebalance-surge', reason: 'surge', usdPerHourBefore: 4.805, usdPerHourAfter: 5.205 };

    // Act
    const savings = actionSavings([surge, move(10, 'terminate-instance'), move(10.01, 'rebalance-release')], SAMPLES, DAY0, DAY0 + DAY_MS);

    // Assess: $0.805/h for the 14 h left of the day
    expect(savings).toHaveLength(1);
    expect(savings[0]?.usd).toBeCloseTo(0.805 * 14, 10);
  });

  it('keeps groups apart: a scale-out does not end a move’s saving', () => {
    // Prepare
    const move: CostAction = { atMs: at(12), group: 'i-0abc', type: 'terminate-instance', reason: 'move', usdPerHourBefore: 2, usdPerHourAfter: 1 };

    // Act
    const savings = actionSavings([move, capacity(13, 1000, 1200)], SAMPLES, DAY0, DAY0 + DAY_MS);

    // Assess
    expect(savings.map((s) => s.heldHours)).toEqual([12]);
  });

  it('prices nothing it cannot: a record without $ or targets, actions after the window and savings ended before it', () => {
    // Prepare: a scale-in the day before, taken back before midnight
    const tag: CostAction = { atMs: at(3), group: 'i-0abc', type: 'tag-drain', reason: 'drain' };

    // Act
    const savings = actionSavings([tag, capacity(-3, 1000, 500), capacity(-2, 500, 1000), capacity(24, 1000, 500)], SAMPLES, DAY0, DAY0 + DAY_MS);

    // Assess
    expect(savings).toEqual([]);
  });

  it('counts a scale-in at 23:00 the day before for its hours in the day, until the scale-out that ends it', () => {
    // Act: 1000 -> 800 at 23:00, 800 -> 1000 at 05:00
    const savings = actionSavings([capacity(-1, 1000, 800), capacity(5, 800, 1000)], SAMPLES, DAY0, DAY0 + DAY_MS);

    // Assess: 200 units x $0.004 for the day's 5 hours (the hour before midnight was the previous day's)
    expect(savings).toMatchObject([{ atMs: at(-1), heldHours: 5 }]);
    expect(savings[0]?.usd).toBeCloseTo(200 * 0.004 * 5, 9);
  });
});
