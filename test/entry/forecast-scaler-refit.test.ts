// The forecast scaler refits the model's weights every six hours and reuses them in between.
import { describe, expect, it } from 'vitest';
import { forecastWorld, FLEET_ID, HOUR_MS, MINUTE_MS, TODAY_MS } from './forecast-world';

describe('forecast-scaler handler: weights refitted every six hours', () => {
  it('keeps the weights of the first run for the runs of the next six hours, then fits again', async () => {
    // Prepare
    const world = forecastWorld({ startMs: TODAY_MS + 2 * HOUR_MS });

    // Act
    await world.handle(world.scheduledEvent());
    const first = (await world.ledger.getForecastState(FLEET_ID))?.fitted;
    world.clock.advance(5 * MINUTE_MS);
    await world.handle(world.scheduledEvent());
    const second = (await world.ledger.getForecastState(FLEET_ID))?.fitted;
    world.clock.advance(6 * HOUR_MS);
    await world.handle(world.scheduledEvent());
    const later = (await world.ledger.getForecastState(FLEET_ID))?.fitted;

    // Assess
    expect(first?.weights.model).toBe('double-seasonal-holt-winters');
    expect(first?.atMs).toBe(TODAY_MS + 2 * HOUR_MS);
    expect(second).toEqual(first);
    expect(later?.atMs).toBe(TODAY_MS + 8 * HOUR_MS + 5 * MINUTE_MS);
  });
});
