/** SpotPricePort on EC2: DescribeSpotPriceHistory (Linux/UNIX, paged) and GetSpotPlacementScores (single zone, this region). */
import {
  DescribeAvailabilityZonesCommand,
  DescribeSpotPriceHistoryCommand,
  GetSpotPlacementScoresCommand,
  type _InstanceType,
  type EC2Client,
  type SpotPlacementScore,
  type SpotPrice,
} from '@aws-sdk/client-ec2';
import type { PlacementScore, SpotPriceQuote } from '../../core/rebalance/market-data';
import type { ClockPort } from '../../ports/clock-port';
import { SpotPriceError, type SpotPricePort } from '../../ports/spot-price-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';
import { PlacementScoreBudget } from './placement-score-budget';

const PRODUCT = 'Linux/UNIX';
// DescribeSpotPriceHistory: MaxResults 1..1000 (the default); a NextToken loop past this many pages is a fault.
const PAGE_SIZE = 1000;
const MAX_PAGES = 100;
// GetSpotPlacementScores answers the top 10 zones; MaxResults must be 10..1000.
const SCORE_PAGE_SIZE = 10;
const MIN_TYPES_FOR_SCORES = 3;

export interface Ec2SpotPricesOptions {
  ec2: EC2Client;
  clock: Pick<ClockPort, 'nowMs'>;
  /** New placement-score request configurations allowed in any 24 hours (default 10). */
  maxNewScoreConfigurationsPerDay?: number;
  /** How long a placement-score answer is reused for the same configuration, seconds (default 600). */
  scoreReuseSeconds?: number;
}

/**
 * @example
 * const prices = new Ec2SpotPrices({ ec2: new EC2Client({}), clock: new SystemClock() });
 * await prices.recentSpotPrices(['g5.xlarge'], nowMs - 3_600_000, nowMs);
 */
export class Ec2SpotPrices implements SpotPricePort {
  private readonly ec2: EC2Client;
  private readonly clock: Pick<ClockPort, 'nowMs'>;
  private readonly budget: PlacementScoreBudget;
  private zoneNames = new Map<string, string>();

  constructor(options: Ec2SpotPricesOptions) {
    this.ec2 = options.ec2;
    this.clock = options.clock;
    this.budget = new PlacementScoreBudget(options.maxNewScoreConfigurationsPerDay ?? 10, (options.scoreReuseSeconds ?? 600) * 1000);
  }

  /**
   * Pages through DescribeSpotPriceHistory until NextToken is empty or absent (the reference: "an empty string or
   * null when there are no more items"). The records are price changes; the latest per type and zone wins.
   * @throws SpotPriceError: `retryable` for throttling, server and network faults; not for a bad window or a runaway pagination.
   */
  async recentSpotPrices(instanceTypes: string[], sinceMs: number, nowMs: number): Promise<SpotPriceQuote[]> {
    const types = [...new Set(instanceTypes)].sort();
    const doing = `reading Spot prices of ${types.join(', ')}`;
    if (!(sinceMs <= nowMs)) throw new SpotPriceError(`${doing}: the window starts after it ends`, 'InvalidParameterValue', false);
    // Without InstanceTypes EC2 answers for every type: asking about none means none.
    if (types.length === 0) return [];
    const latest = new Map<string, SpotPriceQuote>();
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.send(doing, () =>
        this.ec2.send(
          new DescribeSpotPriceHistoryCommand({
            InstanceTypes: types as _InstanceType[],
            ProductDescriptions: [PRODUCT],
            StartTime: new Date(sinceMs),
            EndTime: new Date(nowMs),
            MaxResults: PAGE_SIZE,
            NextToken: nextToken,
          }),
        ),
      );
      for (const record of output.SpotPriceHistory ?? []) keepLatest(latest, toQuote(record, types));
      nextToken = output.NextToken || undefined;
      if (nextToken === undefined) return [...latest.values()].sort((a, b) => compare(a.instanceType, b.instanceType) || compare(a.availabilityZone, b.availabilityZone));
    }
    throw new SpotPriceError(`${doing}: more than ${MAX_PAGES} pages`, 'TooManyPages', false);
  }

  /**
   * Asks for the next power of two at or above `targetCapacity`, so that a fleet's configurations stay few while its
   * demand moves (a score for more instances is a cautious score for fewer). Any failure means "not available".
   */
  async placementScores(instanceTypes: string[], targetCapacity: number): Promise<PlacementScore[]> {
    const types = [...new Set(instanceTypes)].sort();
    if (types.length < MIN_TYPES_FOR_SCORES || !Number.isFinite(targetCapacity) || targetCapacity < 1) return [];
    const capacity = 2 ** Math.ceil(Math.log2(Math.ceil(targetCapacity)));
    const configuration = `${types.join(',')}@${capacity}`;
    const nowMs = this.clock.nowMs();
    const cached = this.budget.cached(configuration, nowMs);
    if (cached) return cached;
    if (!this.budget.admit(configuration, nowMs)) return [];
    try {
      const region = await this.ec2.config.region();
      const raw = await this.scoresOf(types, capacity, region);
      const names = await this.zoneNamesOf(raw.map((s) => s.AvailabilityZoneId ?? ''));
      const scores = raw
        .filter((s) => (s.Region === undefined || s.Region === region) && typeof s.Score === 'number' && s.Score >= 1 && s.Score <= 10)
        .flatMap((s) => {
          const availabilityZone = names.get(s.AvailabilityZoneId ?? '');
          return availabilityZone === undefined ? [] : [{ region, availabilityZoneId: s.AvailabilityZoneId as string, availabilityZone, score: s.Score as number }];
        })
        .sort((a, b) => b.score - a.score || compare(a.availabilityZone, b.availabilityZone));
      this.budget.remember(configuration, nowMs, scores);
      return scores;
    } catch {
      // Placement scores are optional: a failure weighs nothing rather than blocking the rebalancer.
      return [];
    }
  }

  private async scoresOf(types: string[], capacity: number, region: string): Promise<SpotPlacementScore[]> {
    const out: SpotPlacementScore[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.ec2.send(
        new GetSpotPlacementScoresCommand({
          InstanceTypes: types,
          TargetCapacity: capacity,
          TargetCapacityUnitType: 'units',
          SingleAvailabilityZone: true,
          RegionNames: [region],
          MaxResults: SCORE_PAGE_SIZE,
          NextToken: nextToken,
        }),
      );
      out.push(...(output.SpotPlacementScores ?? []));
      nextToken = output.NextToken || undefined;
      if (nextToken === undefined) return out;
    }
    throw new SpotPriceError(`reading placement scores: more than ${MAX_PAGES} pages`, 'TooManyPages', false);
  }

  /** Zone ids to this account's zone names (DescribeAvailabilityZones), remembered: the mapping never changes. */
  private async zoneNamesOf(zoneIds: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(zoneIds.filter((id) => id !== '' && !this.zoneNames.has(id)))];
    if (missing.length > 0) {
      const output = await this.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneIds: missing }));
      const next = new Map(this.zoneNames);
      for (const zone of output.AvailabilityZones ?? []) if (zone.ZoneId && zone.ZoneName) next.set(zone.ZoneId, zone.ZoneName);
      this.zoneNames = next;
    }
    return this.zoneNames;
  }

  private async send<T>(doing: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new SpotPriceError(`${doing}: ${error instanceof Error ? error.message : String(error)}`, awsErrorName(error), isRetryableAwsError(error), { cause: error });
    }
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const toQuote = (record: SpotPrice, types: string[]): SpotPriceQuote | undefined => {
  const usdPerHour = Number(record.SpotPrice);
  const timestampMs = record.Timestamp === undefined ? Number.NaN : new Date(record.Timestamp).getTime();
  const { InstanceType: instanceType, AvailabilityZone: availabilityZone } = record;
  if (record.ProductDescription !== PRODUCT || !instanceType || !types.includes(instanceType) || !availabilityZone) return undefined;
  if (!Number.isFinite(usdPerHour) || usdPerHour <= 0 || !Number.isFinite(timestampMs)) return undefined;
  return { instanceType, availabilityZone, ...(record.AvailabilityZoneId ? { availabilityZoneId: record.AvailabilityZoneId } : {}), usdPerHour, timestampMs };
};

const keepLatest = (latest: Map<string, SpotPriceQuote>, quote: SpotPriceQuote | undefined): void => {
  if (!quote) return;
  const key = `${quote.instanceType}:${quote.availabilityZone}`;
  const seen = latest.get(key);
  if (!seen || quote.timestampMs > seen.timestampMs || (quote.timestampMs === seen.timestampMs && quote.usdPerHour < seen.usdPerHour)) latest.set(key, quote);
};
