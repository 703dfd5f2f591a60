/** The hourly, bounded, mean-reverting random walk that moves a simulated Spot price around its base. */
import type { Random } from '../model/random';
import { MarketConfigError } from './market-config-error';

/**
 * How a Spot price wanders. Each hour the relative deviation d from the base moves as
 * `d' = clamp(d x (1 - reversionPerHour) + volatilityPerHour x e, -maxDeviation, +maxDeviation)` with e uniform,
 * mean 0, variance 1, and the price is `min(base x (1 + d), on-demand)`. It starts at d = 0 (the base).
 * Since the 2017 Spot pricing change, prices move slowly (a few changes a day, a few percent each); the defaults
 * give a stationary spread of about 6% (0.03 / sqrt(1 - 0.9^2)), a half-life of about 6.6 hours, and never more
 * than 15% away from the base. `maxDeviation: 0` keeps every Spot price at its base.
 */
export interface SpotVariation {
  maxDeviation: number;
  reversionPerHour: number;
  volatilityPerHour: number;
}

export const DEFAULT_SPOT_VARIATION: Readonly<SpotVariation> = Object.freeze({
  maxDeviation: 0.15,
  reversionPerHour: 0.1,
  volatilityPerHour: 0.03,
});

const SQRT3 = Math.sqrt(3);

/** @throws MarketConfigError when a parameter is outside its domain. */
export const validateVariation = (variation: SpotVariation): SpotVariation => {
  const { maxDeviation, reversionPerHour, volatilityPerHour } = variation;
  if (!(maxDeviation >= 0 && maxDeviation < 1)) throw new MarketConfigError(`variation.maxDeviation: ${maxDeviation} is not in [0, 1)`);
  if (!(reversionPerHour >= 0 && reversionPerHour <= 1)) throw new MarketConfigError(`variation.reversionPerHour: ${reversionPerHour} is not in [0, 1]`);
  if (!(volatilityPerHour >= 0 && Number.isFinite(volatilityPerHour))) {
    throw new MarketConfigError(`variation.volatilityPerHour: ${volatilityPerHour} is not a finite number >= 0`);
  }
  return variation;
};

/**
 * Hourly prices of one pool: element h is the price during hour h of the run. The whole array is drawn at once
 * from the pool's own stream, so a lookup is one index, and the prices do not depend on which pool was asked first.
 */
export const spotPriceWalk = (
  baseUsdPerHour: number,
  capUsdPerHour: number,
  hours: number,
  random: Random,
  variation: SpotVariation,
): Float64Array => {
  const { maxDeviation, reversionPerHour, volatilityPerHour } = variation;
  const prices = new Float64Array(hours);
  let deviation = 0;
  for (let h = 0; h < hours; h += 1) {
    prices[h] = Math.min(capUsdPerHour, baseUsdPerHour * (1 + deviation));
    const shock = volatilityPerHour * SQRT3 * (2 * random.next() - 1);
    deviation = Math.min(maxDeviation, Math.max(-maxDeviation, deviation * (1 - reversionPerHour) + shock));
  }
  return prices;
};
