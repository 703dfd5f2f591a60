/** Seeded Spot interruptions: per-type rates from the Spot advisor buckets, exponential times, rebalance recommendations before them. */
import type { InterruptionBucket } from '../../layers/core/catalog/catalog-data';
import { spotAdvisorFor } from '../../layers/core/catalog/spot-advisor';
import type { InterruptionModel } from '../model/market';
import type { Random } from '../model/random';
import { MarketConfigError } from './market-config-error';

/**
 * The monthly interruption fraction assumed for each advisor bucket: the middle of the bucket's range, and 25%
 * for the open-ended ">20%". A type the advisor does not list gets the ">20%" figure: its risk is unknown, and
 * assuming the worst keeps Spot from looking safer than it is.
 */
export const MONTHLY_INTERRUPTION_FRACTION: Readonly<Record<InterruptionBucket, number>> = Object.freeze({ 0: 0.025, 1: 0.075, 2: 0.125, 3: 0.175, 4: 0.25 });
export const UNLISTED_TYPE_FRACTION = 0.25;

/** The advisor's "trailing month", as the hazard's period. */
export const MONTH_MS = 30 * 24 * 3_600_000;
/** The Spot interruption notice comes two minutes before the instance is reclaimed. */
export const WARNING_LEAD_MS = 120_000;

export interface InterruptionModelOptions {
  random: Random;
  /** Share of interruptions whose rebalance recommendation comes ahead of the warning; the rest get it with the warning. */
  rebalanceProbability?: number;
  /** How long before the warning an early rebalance recommendation comes, seconds, drawn uniformly. */
  rebalanceLeadSeconds?: readonly [number, number];
}

/** The constant hazard, per ms, under which a share `fraction` of instances is interrupted within a month. */
export const hazardPerMs = (fraction: number): number => -Math.log(1 - fraction) / MONTH_MS;

/** The monthly interruption fraction the model uses for `instanceType`. */
export const monthlyInterruptionFraction = (instanceType: string): number => {
  const advisor = spotAdvisorFor(instanceType);
  return advisor === undefined ? UNLISTED_TYPE_FRACTION : MONTHLY_INTERRUPTION_FRACTION[advisor.interruptionBucket];
};

/**
 * An {@link InterruptionModel} that samples. Each instance draws from its own stream (forked by instance id), so
 * a draw does not depend on how many other instances were drawn before it. Time to interruption from launch is
 * exponential with the type's hazard (memoryless: an instance's age does not change its risk, which is what a
 * per-month fraction with no more detail supports). The warning (interruption - 120 s) is never before launch, so
 * an interruption is at least 120 s after launch. AWS may send the rebalance recommendation early or together
 * with the warning; with probability `rebalanceProbability` it comes uniformly `rebalanceLeadSeconds` before the
 * warning (never before launch), otherwise at the warning's time.
 *
 * @example
 * const model = makeInterruptionModel({ random: seededRandom(42).fork('interruptions') });
 * model.draw({ instanceId: 'i-0abc', instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', launchMs }, endMs);
 * @throws MarketConfigError when an option is outside its domain.
 */
export const makeInterruptionModel = (options: InterruptionModelOptions): InterruptionModel => {
  const rebalanceProbability = options.rebalanceProbability ?? 0.8;
  const [leadMinSeconds, leadMaxSeconds] = options.rebalanceLeadSeconds ?? [120, 1200];
  if (!(rebalanceProbability >= 0 && rebalanceProbability <= 1)) {
    throw new MarketConfigError(`rebalanceProbability: ${rebalanceProbability} is not in [0, 1]`);
  }
  if (!(leadMinSeconds >= 0 && leadMaxSeconds >= leadMinSeconds && Number.isFinite(leadMaxSeconds))) {
    throw new MarketConfigError(`rebalanceLeadSeconds: [${leadMinSeconds}, ${leadMaxSeconds}] is not a range of seconds >= 0`);
  }
  // Forked once now so that later use of the caller's generator cannot change any instance's draw.
  const root = options.random.fork('spot-interruptions');
  const hazards = new Map<string, number>();

  return {
    draw(instance, runEndMs) {
      let hazard = hazards.get(instance.instanceType);
      if (hazard === undefined) {
        hazard = hazardPerMs(monthlyInterruptionFraction(instance.instanceType));
        hazards.set(instance.instanceType, hazard);
      }
      const stream = root.fork(instance.instanceId);
      const lifetimeMs = -Math.log(1 - stream.next()) / hazard;
      const interruptAtMs = instance.launchMs + Math.max(WARNING_LEAD_MS, lifetimeMs);
      if (!(interruptAtMs < runEndMs)) return undefined;
      const warningAtMs = interruptAtMs - WARNING_LEAD_MS;
      const early = stream.next() < rebalanceProbability;
      const leadSeconds = leadMinSeconds + (leadMaxSeconds - leadMinSeconds) * stream.next();
      const rebalanceAtMs = early ? Math.max(instance.launchMs, warningAtMs - leadSeconds * 1000) : warningAtMs;
      return { interruptAtMs, rebalanceAtMs };
    },
  };
};
