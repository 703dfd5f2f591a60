// CostMeter: per-second billing at the price in force each step, and the 60-second minimum per launch.
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../../layers/core/fleet';
import { CostMeter } from '../../../../sim/engine/cost-meter';
import type { PoolLoad, TrackedInstance } from '../../../../sim/engine/fleet-mirror';
import type { PriceBook } from '../../../../sim/model/market';

const T0 = Date.UTC(2026, 2, 2, 0, 0, 0);
const HOUR = 3_600_000;

/** $3.60/h on-demand ($0.001 a second) and $1.80/h Spot; Spot doubles from 01:00. */
const book: PriceBook = {
  usdPerHour: (_type: string, _zone: string, market: Market, atMs: number) => (market === 'on-demand' ? 3.6 : atMs >= T0 + HOUR ? 3.6 : 1.8),
  sourceOf: () => 'on-demand-catalog',
};

const pool = (market: Market, live = 1): PoolLoad => ({ instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market, live });
const instance = (billFromMs: number, endMs: number, market: Market = 'on-demand'): TrackedInstance => ({
  instanceId: 'i-00000000000000001',
  instanceType: 'g5.xlarge',
  availabilityZone: 'us-east-1a',
  market,
  weight: 100,
  billFromMs,
  endMs,
  drained: false,
});

/** Bills `pools` every 10-s step from `fromMs` for `steps` steps. */
const bill = (meter: CostMeter, pools: PoolLoad[], fromMs: number, steps: number): void => {
  for (let s = 0; s < steps; s += 1) meter.step(pools, fromMs + s * 10_000, 10);
};

describe('CostMeter', () => {
  it('bills an instance that lived 10 s for 60 s', () => {
    // Prepare
    const meter = new CostMeter(book);
    // Act: one step live, then it ended
    bill(meter, [pool('on-demand')], T0, 1);
    meter.ended(instance(T0, T0 + 10_000), 10);
    // Assess
    expect(meter.totalUsd).toBeCloseTo(0.06, 12);
    expect(meter.breakdown()).toEqual([{ instanceType: 'g5.xlarge', market: 'on-demand', hours: expect.closeTo(60 / 3600, 12), usd: expect.closeTo(0.06, 12) }]);
  });

  it('tops up an instance that ended off a step boundary to 60 s, counting the steps it was billed', () => {
    // Prepare: interrupted 25 s after launch, so billed for 3 steps (30 s)
    const meter = new CostMeter(book);
    bill(meter, [pool('on-demand')], T0, 3);
    // Act
    meter.ended(instance(T0, T0 + 25_000), 10);
    // Assess
    expect(meter.totalUsd).toBeCloseTo(0.06, 12);
  });

  it('adds nothing for an instance that lived more than a minute', () => {
    // Prepare
    const meter = new CostMeter(book);
    bill(meter, [pool('on-demand')], T0, 12);
    // Act
    meter.ended(instance(T0, T0 + 120_000), 10);
    // Assess
    expect(meter.totalUsd).toBeCloseTo(0.12, 12);
  });

  it('bills each step at the price in force then, per live instance', () => {
    // Prepare: 3 Spot instances for 2 hours across the price change at 01:00
    const meter = new CostMeter(book);
    // Act
    bill(meter, [pool('spot', 3)], T0, 720);
    // Assess: 3 x (1 h x $1.80 + 1 h x $3.60)
    expect(meter.totalUsd).toBeCloseTo(3 * (1.8 + 3.6), 9);
    expect(meter.breakdown()[0]?.hours).toBeCloseTo(6, 9);
  });

  it('tops up at the price in force when the instance ended', () => {
    // Prepare: a Spot instance launched at 01:00, at $3.60/h
    const meter = new CostMeter(book);
    bill(meter, [pool('spot')], T0 + HOUR, 1);
    // Act
    meter.ended(instance(T0 + HOUR, T0 + HOUR + 10_000, 'spot'), 10);
    // Assess
    expect(meter.totalUsd).toBeCloseTo(0.06, 12);
  });

  it('breaks the bill down by instance type and market, costliest first', () => {
    // Prepare
    const meter = new CostMeter(book);
    // Act
    bill(meter, [pool('spot', 1), pool('on-demand', 2), { ...pool('spot', 1), availabilityZone: 'us-east-1b' }], T0, 360);
    // Assess: the two Spot zones share one row
    expect(meter.breakdown().map((b) => [b.market, b.hours, b.usd])).toEqual([
      ['on-demand', expect.closeTo(2, 9), expect.closeTo(7.2, 9)],
      ['spot', expect.closeTo(2, 9), expect.closeTo(3.6, 9)],
    ]);
  });
});
