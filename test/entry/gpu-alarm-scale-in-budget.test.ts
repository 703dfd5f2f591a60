// The gpu-alarm function's scale-ins share the fleet's hourly scale-in budget with the other scalers (its forecast state).
import { describe, expect, it } from 'vitest';
import { emptyForecastState } from '../../layers/core/forecast/forecast-state';
import { applied, atT0, FLEET_ID, gpuAlarmWorld, MINUTE_MS, T0 } from './gpu-alarm-world';

describe('gpu-alarm handler: the hourly scale-in budget', () => {
  it('sheds only what the hour has left after the forecast scaler, and adds its own scale-in to the budget', async () => {
    // Prepare: the forecast took 200 of the 1,200-unit fleet 5 minutes ago; the standard tier allows 25% an hour
    const world = atT0(gpuAlarmWorld({ initialUnits: 1000 }), 300);
    await world.ledger.saveForecastState({ ...emptyForecastState(FLEET_ID), version: 1, scaleIns: [{ atMs: T0 - 5 * MINUTE_MS, units: 200 }] });

    // Act: the low alarm's hysteresis ends at T0 + 15 min; it would shed a fifth (200 units)
    await world.handle(world.alarmEvent('gpu-low', 'ALARM', { value: 9.5 }));
    await world.runUntil(T0 + 15 * MINUTE_MS, 300);

    // Assess: 300 per hour, 200 spent: 1000 -> 900, and the forecast state counts it
    expect(applied(world)).toEqual([{ atMs: T0 + 15 * MINUTE_MS, from: 1000, to: 900 }]);
    expect(await world.targetUnits()).toBe(900);
    expect((await world.ledger.getForecastState(FLEET_ID))?.scaleIns).toEqual([
      { atMs: T0 - 5 * MINUTE_MS, units: 200 },
      { atMs: T0 + 15 * MINUTE_MS, units: 100 },
    ]);
  });

  it('does not scale in once the hour has no budget left', async () => {
    // Prepare: the forecast's scale-ins used the hour's whole 25%
    const world = atT0(gpuAlarmWorld({ initialUnits: 1000 }), 300);
    await world.ledger.saveForecastState({ ...emptyForecastState(FLEET_ID), version: 1, scaleIns: [{ atMs: T0 - 5 * MINUTE_MS, units: 334 }] });

    // Act
    await world.handle(world.alarmEvent('gpu-low', 'ALARM', { value: 9.5 }));
    await world.runUntil(T0 + 15 * MINUTE_MS, 300);

    // Assess
    expect(applied(world)).toEqual([]);
    expect(await world.targetUnits()).toBe(1000);
  });
});
