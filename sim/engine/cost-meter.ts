/** Billing of the simulated fleet: per-second with a 60-second minimum per launch, at each pool's current price. */
import type { Market } from '../../layers/core/fleet';
import type { PriceBook } from '../model/market';
import type { PoolLoad, TrackedInstance } from './fleet-mirror';

interface PoolTotals {
  instanceType: string;
  market: Market;
  hours: number;
  usd: number;
}

export class CostMeter {
  totalUsd = 0;
  private readonly byTypeMarket = new Map<string, PoolTotals>();

  constructor(private readonly prices: PriceBook) {}

  /** Bill every live instance for one step at the prices in force at `nowMs`. */
  step(pools: readonly PoolLoad[], nowMs: number, stepSeconds: number): void {
    for (const p of pools) {
      const price = this.prices.usdPerHour(p.instanceType, p.availabilityZone, p.market, nowMs);
      const hours = (p.live * stepSeconds) / 3600;
      this.add(p.instanceType, p.market, hours, hours * price);
    }
  }

  /** An instance that ran less than a minute is billed the rest of its minute. */
  ended(instance: TrackedInstance, stepSeconds: number): void {
    const end = instance.endMs ?? instance.billFromMs;
    // The steps already billed it for whole steps it was live: at least one step when it was ever seen live.
    const billedSeconds = Math.max(stepSeconds, Math.ceil((end - instance.billFromMs) / 1000 / stepSeconds) * stepSeconds);
    const missing = Math.max(0, 60 - billedSeconds);
    if (missing <= 0) return;
    const price = this.prices.usdPerHour(instance.instanceType, instance.availabilityZone, instance.market, end);
    this.add(instance.instanceType, instance.market, missing / 3600, (missing / 3600) * price);
  }

  breakdown(): PoolTotals[] {
    return [...this.byTypeMarket.values()].sort((a, b) => b.usd - a.usd);
  }

  private add(instanceType: string, market: Market, hours: number, usd: number): void {
    const key = `${instanceType}:${market}`;
    const totals = this.byTypeMarket.get(key) ?? { instanceType, market, hours: 0, usd: 0 };
    totals.hours += hours;
    totals.usd += usd;
    this.byTypeMarket.set(key, totals);
    this.totalUsd += usd;
  }
}
