/** EC2's Spot market behind aws-sdk-client-mock: price history, placement scores and zones in the documented shapes. */
import { readFileSync } from 'node:fs';
import {
  DescribeAvailabilityZonesCommand,
  DescribeSpotPriceHistoryCommand,
  EC2Client,
  GetSpotPlacementScoresCommand,
  type AvailabilityZone,
  type DescribeAvailabilityZonesCommandInput,
  type DescribeSpotPriceHistoryCommandInput,
  type GetSpotPlacementScoresCommandInput,
  type SpotPrice,
} from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { ec2Error } from '../contract/fleet-ec2-fake';

/** A fixture of test/fixtures/aws as the SDK hands it over (timestamps as `Date`). */
export const awsFixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8'), (key, value: unknown) =>
    key === 'Timestamp' && typeof value === 'string' ? new Date(value) : value,
  ) as T;

export type SpotMarketCommand = 'DescribeSpotPriceHistory' | 'GetSpotPlacementScores' | 'DescribeAvailabilityZones';

export interface FakeSpotMarket {
  ec2: EC2Client;
  mock: AwsClientStub<EC2Client>;
  /** Stores one price-change record (SDK shape). */
  putRecord(record: SpotPrice): void;
  /** Sets the single-zone score of a zone (by id) for every request. */
  putScore(zoneId: string, score: number): void;
  /** The next call of `command` fails as EC2 does with `code`. */
  failNext(command: SpotMarketCommand, code: string): void;
}

const ZONES = awsFixture<{ AvailabilityZones: AvailabilityZone[] }>('describe-availability-zones.json').AvailabilityZones;

/**
 * Answers as the API reference describes. DescribeSpotPriceHistory: records of the asked types and product
 * descriptions whose Timestamp is within [StartTime, EndTime], plus per type, zone and product the last change
 * before StartTime (the price in effect then); oldest first; pages of `pageSize` (default 2) or MaxResults (1..1000),
 * NextToken "" on the last page. GetSpotPlacementScores: at least three distinct types and SingleAvailabilityZone
 * true, TargetCapacity 1..2,000,000,000, MaxResults 10..1000; the top 10 zones of RegionNames' region.
 */
export const fakeSpotMarket = (options: { region?: string; pageSize?: number } = {}): FakeSpotMarket => {
  const region = options.region ?? 'us-east-1';
  const ec2 = new EC2Client({ region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const mock = mockClient(ec2);
  const records: SpotPrice[] = [];
  const scores = new Map<string, number>();
  const failures = new Map<SpotMarketCommand, string[]>();
  const failIfAsked = (command: SpotMarketCommand): void => {
    const code = failures.get(command)?.shift();
    if (code !== undefined) throw ec2Error(code);
  };

  mock.on(DescribeSpotPriceHistoryCommand).callsFake((input: DescribeSpotPriceHistoryCommandInput) => {
    failIfAsked('DescribeSpotPriceHistory');
    const start = input.StartTime?.getTime() ?? Number.NEGATIVE_INFINITY;
    const end = input.EndTime?.getTime() ?? Number.POSITIVE_INFINITY;
    const maxResults = input.MaxResults ?? 1000;
    if (start > end || maxResults < 1 || maxResults > 1000) throw ec2Error('InvalidParameterValue', 'The request parameters are invalid.');
    const asked = records.filter(
      (r) => (!input.InstanceTypes?.length || input.InstanceTypes.includes(r.InstanceType as never)) && (!input.ProductDescriptions?.length || input.ProductDescriptions.includes(r.ProductDescription as string)),
    );
    const timeOf = (r: SpotPrice): number => (r.Timestamp as Date).getTime();
    const inEffect = new Map<string, SpotPrice>();
    for (const r of asked.filter((x) => timeOf(x) < start)) {
      const key = `${r.InstanceType}|${r.AvailabilityZone}|${r.ProductDescription}`;
      const seen = inEffect.get(key);
      if (!seen || timeOf(r) > timeOf(seen)) inEffect.set(key, r);
    }
    const all = [...inEffect.values(), ...asked.filter((r) => timeOf(r) >= start && timeOf(r) <= end)].sort((a, b) => timeOf(a) - timeOf(b));
    const offset = input.NextToken ? Number(input.NextToken) : 0;
    const size = Math.min(options.pageSize ?? 2, maxResults);
    const page = all.slice(offset, offset + size);
    return { SpotPriceHistory: page, NextToken: offset + size < all.length ? String(offset + size) : '' };
  });

  mock.on(GetSpotPlacementScoresCommand).callsFake((input: GetSpotPlacementScoresCommandInput) => {
    failIfAsked('GetSpotPlacementScores');
    const capacity = input.TargetCapacity ?? 0;
    const maxResults = input.MaxResults ?? 1000;
    if (new Set(input.InstanceTypes ?? []).size < 3 || capacity < 1 || capacity > 2_000_000_000 || maxResults < 10 || maxResults > 1000) {
      throw ec2Error('InvalidParameterValue', 'The request parameters are invalid.');
    }
    if (input.SingleAvailabilityZone !== true) return { SpotPlacementScores: [{ Region: region, Score: Math.max(0, ...scores.values()) }] };
    const inRegion = (input.RegionNames ?? [region]).includes(region);
    const scored = inRegion ? [...scores.entries()].map(([zoneId, score]) => ({ Region: region, AvailabilityZoneId: zoneId, Score: score })) : [];
    return { SpotPlacementScores: scored.sort((a, b) => b.Score - a.Score).slice(0, 10) };
  });

  mock.on(DescribeAvailabilityZonesCommand).callsFake((input: DescribeAvailabilityZonesCommandInput) => {
    failIfAsked('DescribeAvailabilityZones');
    const ids = input.ZoneIds ?? [];
    return { AvailabilityZones: ZONES.filter((z) => ids.length === 0 || ids.includes(z.ZoneId as string)) };
  });

  return {
    ec2,
    mock,
    putRecord: (record) => records.push(record),
    putScore: (zoneId, score) => scores.set(zoneId, score),
    failNext: (command, code) => failures.set(command, [...(failures.get(command) ?? []), code]),
  };
};

/** The zone id of a zone name in the fixture's mapping. */
export const zoneIdOf = (zoneName: string): string => {
  const id = ZONES.find((z) => z.ZoneName === zoneName)?.ZoneId;
  if (id === undefined) throw new RangeError(`zone ${zoneName} is not in describe-availability-zones.json`);
  return id;
};
