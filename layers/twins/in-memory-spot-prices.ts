/** Twin of the EC2 Spot market: price-change history per type and zone, placement scores per zone, failures on demand. */
import type { PlacementScore, SpotPriceQuote } from '../core/rebalance/market-data';
import { SpotPriceError, type SpotPricePort } from '../ports/spot-price-port';

/** What the twin can be told to make the next call fail with (a placement-score call then answers []). */
export type SpotPriceFailure = 'throttling' | 'internal-error' | 'unauthorized';

/** A zone of the twin's region: its name in the account and its account-independent id. */
export interface TwinZone {
  name: string;
  id: string;
}

interface PriceChange {
  instanceType: string;
  zone: string;
  usdPerHour: number;
  atMs: number;
}

const FAILURES: Record<SpotPriceFailure, { code: string; retryable: boolean }> = {
  throttling: { code: 'RequestLimitExceeded', retryable: true },
  'internal-error': { code: 'InternalError', retryable: true },
  unauthorized: { code: 'UnauthorizedOperation', retryable: false },
};

/** us-east-1 as test/fixtures/aws/describe-availability-zones.json maps it. */
export const US_EAST_1_ZONES: TwinZone[] = [
  { name: 'us-east-1a', id: 'use1-az1' },
  { name: 'us-east-1b', id: 'use1-az2' },
  { name: 'us-east-1c', id: 'use1-az4' },
  { name: 'us-east-1d', id: 'use1-az6' },
  { name: 'us-east-1e', id: 'use1-az3' },
  { name: 'us-east-1f', id: 'use1-az5' },
];

const MIN_TYPES_FOR_SCORES = 3;
const TOP_ZONES = 10;
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Keeps Spot price changes as DescribeSpotPriceHistory records them (a price takes effect at a time and holds until
 * the next change) and answers with the latest change at or before `nowMs`: one within the window, or the one in
 * effect at its start. Placement scores are set per zone and answered, best first, for any request of three or more
 * distinct types, as the region's top 10 zones.
 *
 * @example
 * const market = new InMemorySpotPrices();
 * market.setPrice('g6.xlarge', 'us-east-1b', 0.41, Date.UTC(2026, 2, 1, 11));
 * await market.recentSpotPrices(['g6.xlarge'], Date.UTC(2026, 2, 1, 11, 30), Date.UTC(2026, 2, 1, 12)); // one quote at 0.41
 */
export class InMemorySpotPrices implements SpotPricePort {
  private changes: PriceChange[] = [];
  private scores = new Map<string, number>();
  private failures: SpotPriceFailure[] = [];
  private readonly zoneIds: Map<string, string>;

  constructor(private readonly options: { region?: string; zones?: TwinZone[] } = {}) {
    this.zoneIds = new Map((options.zones ?? US_EAST_1_ZONES).map((z) => [z.name, z.id]));
  }

  /** Records that the Spot price of the type in the zone became `usdPerHour` at `atMs`. */
  setPrice(instanceType: string, availabilityZone: string, usdPerHour: number, atMs: number): void {
    if (!(Number.isFinite(usdPerHour) && usdPerHour > 0)) throw new RangeError(`setting a Spot price: ${usdPerHour} is not a positive price`);
    this.zoneIdOf(availabilityZone);
    this.changes.push({ instanceType, zone: availabilityZone, usdPerHour, atMs });
  }

  /** Sets the zone's placement score, 1..10. */
  setPlacementScore(availabilityZone: string, score: number): void {
    if (!Number.isInteger(score) || score < 1 || score > 10) throw new RangeError(`setting a placement score: ${score} is not an integer in 1..10`);
    this.zoneIdOf(availabilityZone);
    this.scores.set(availabilityZone, score);
  }

  async recentSpotPrices(instanceTypes: string[], sinceMs: number, nowMs: number): Promise<SpotPriceQuote[]> {
    const types = new Set(instanceTypes);
    const doing = `reading Spot prices of ${[...types].sort().join(', ')}`;
    if (!(sinceMs <= nowMs)) throw new SpotPriceError(`${doing}: the window starts after it ends`, 'InvalidParameterValue', false);
    const failure = this.failures.shift();
    if (failure) throw new SpotPriceError(`${doing}: ${FAILURES[failure].code} (twin)`, FAILURES[failure].code, FAILURES[failure].retryable);
    const latest = new Map<string, PriceChange>();
    for (const c of this.changes) {
      if (!types.has(c.instanceType) || c.atMs > nowMs) continue;
      const key = `${c.instanceType}:${c.zone}`;
      const seen = latest.get(key);
      // The same rule as the adapter's: the latest change, the lower price between two of the same time.
      if (!seen || c.atMs > seen.atMs || (c.atMs === seen.atMs && c.usdPerHour < seen.usdPerHour)) latest.set(key, c);
    }
    return [...latest.values()]
      .map((c) => ({ instanceType: c.instanceType, availabilityZone: c.zone, availabilityZoneId: this.zoneIdOf(c.zone), usdPerHour: c.usdPerHour, timestampMs: c.atMs }))
      .sort((a, b) => compare(a.instanceType, b.instanceType) || compare(a.availabilityZone, b.availabilityZone));
  }

  async placementScores(instanceTypes: string[], targetCapacity: number): Promise<PlacementScore[]> {
    if (this.failures.shift() !== undefined) return [];
    if (new Set(instanceTypes).size < MIN_TYPES_FOR_SCORES || !Number.isFinite(targetCapacity) || targetCapacity < 1) return [];
    const region = this.options.region ?? 'us-east-1';
    return [...this.scores.entries()]
      .map(([zone, score]) => ({ region, availabilityZoneId: this.zoneIdOf(zone), availabilityZone: zone, score }))
      .sort((a, b) => b.score - a.score || compare(a.availabilityZone, b.availabilityZone))
      .slice(0, TOP_ZONES);
  }

  /** Makes the next `times` calls fail. */
  failNext(failure: SpotPriceFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  /** Forgets prices, scores and failures. */
  reset(): void {
    this.changes = [];
    this.scores = new Map();
    this.failures = [];
  }

  private zoneIdOf(zone: string): string {
    const id = this.zoneIds.get(zone);
    if (id === undefined) throw new RangeError(`zone ${zone} is not one of the twin's (${[...this.zoneIds.keys()].join(', ')})`);
    return id;
  }
}
