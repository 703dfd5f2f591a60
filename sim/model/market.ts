/** Prices and interruption risk of the pools a simulated fleet can use. */
import type { Market } from '../../layers/core/fleet';

export type PriceSource = 'on-demand-catalog' | 'spot-price-history' | 'spot-advisor-derived';

/** $/hour of every pool at any time of the run, and where each figure came from. */
export interface PriceBook {
  /** $/hour of one instance of `instanceType` in `availabilityZone` on `market` at `atMs`. */
  usdPerHour(instanceType: string, availabilityZone: string, market: Market, atMs: number): number;
  /** Which source priced this pool (the report lists it). */
  sourceOf(instanceType: string, availabilityZone: string, market: Market): PriceSource;
}

/** When a Spot instance launched at `launchMs` will be interrupted, if at all during the run. */
export interface InterruptionDraw {
  /** The interruption (termination) time; the 2-minute warning comes at this minus 120 s. */
  interruptAtMs: number;
  /** The rebalance recommendation before the warning, when one is sent. */
  rebalanceAtMs?: number;
}

/** Decides which Spot instances get interrupted, and when (seeded, or replayed from a file). */
export interface InterruptionModel {
  /** Called once per Spot launch; undefined when the instance is not interrupted before `runEndMs`. */
  draw(instance: { instanceId: string; instanceType: string; availabilityZone: string; launchMs: number }, runEndMs: number): InterruptionDraw | undefined;
}

/** Per-second billing with a 60-second minimum per launch, as EC2 bills Linux instances. */
export const billedSeconds = (launchMs: number, endMs: number): number => Math.max(60, Math.max(0, endMs - launchMs) / 1000);
