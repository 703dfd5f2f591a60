/** Ec2SpotPrices: the requests it sends (as the EC2 API reference documents them) and the recorded responses it reads. */
import { DescribeAvailabilityZonesCommand, DescribeSpotPriceHistoryCommand, GetSpotPlacementScoresCommand, type SpotPlacementScore, type SpotPrice } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { Ec2SpotPrices } from '../../../../layers/adapters/aws/ec2-spot-prices';
import { awsFixture, fakeSpotMarket } from '../../../helpers/fake-ec2-spot-market';

const NOW = Date.UTC(2026, 2, 1, 12);
const HOUR = 3_600_000;
const HISTORY = awsFixture<{ SpotPriceHistory: SpotPrice[] }>('describe-spot-price-history.json').SpotPriceHistory;
const SCORES = awsFixture<{ SpotPlacementScores: SpotPlacementScore[] }>('get-spot-placement-scores.json').SpotPlacementScores;
const TYPES = ['g5.xlarge', 'g6.xlarge', 'g6e.xlarge'];

const withClock = () => {
  let nowMs = NOW;
  return { clock: { nowMs: () => nowMs }, advance: (ms: number) => (nowMs += ms) };
};

describe('Ec2SpotPrices', () => {
  it('asks for Linux/UNIX prices of the asked types over the window, 1,000 a page', async () => {
    // Prepare
    const market = fakeSpotMarket();
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock: withClock().clock });

    // Act
    await prices.recentSpotPrices(['g6.xlarge', 'g5.xlarge', 'g6.xlarge'], NOW - HOUR, NOW);

    // Assess
    expect(market.mock.commandCalls(DescribeSpotPriceHistoryCommand)[0]?.args[0].input).toEqual({
      InstanceTypes: ['g5.xlarge', 'g6.xlarge'],
      ProductDescriptions: ['Linux/UNIX'],
      StartTime: new Date(NOW - HOUR),
      EndTime: new Date(NOW),
      MaxResults: 1000,
      NextToken: undefined,
    });
  });

  it('reads the recorded DescribeSpotPriceHistory records: the latest per type and zone, prices parsed from strings', async () => {
    // Prepare
    const market = fakeSpotMarket({ pageSize: 3 });
    HISTORY.forEach((r) => market.putRecord(r));
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock: withClock().clock });
    const end = Date.UTC(2022, 4, 31, 23, 59, 59);

    // Act
    const quotes = await prices.recentSpotPrices(['g5.xlarge', 'p3.2xlarge'], end - HOUR, end);

    // Assess
    expect(quotes.filter((q) => q.instanceType === 'g5.xlarge').map((q) => [q.availabilityZone, q.usdPerHour])).toEqual([
      ['us-east-1b', 0.3387],
      ['us-east-1c', 0.3477],
      ['us-east-1d', 0.3701],
      ['us-east-1f', 0.3382],
    ]);
    expect(quotes.find((q) => q.instanceType === 'p3.2xlarge' && q.availabilityZone === 'us-east-1a')).toEqual({
      instanceType: 'p3.2xlarge', availabilityZone: 'us-east-1a', availabilityZoneId: 'use1-az1', usdPerHour: 3.06, timestampMs: Date.UTC(2022, 4, 31, 21, 18),
    });
  });

  it('leaves out records of other operating systems even if EC2 sends them', async () => {
    // Prepare
    const market = fakeSpotMarket();
    market.mock.on(DescribeSpotPriceHistoryCommand).resolves({
      SpotPriceHistory: [
        { AvailabilityZone: 'us-east-1a', InstanceType: 'g6.xlarge', ProductDescription: 'Windows', SpotPrice: '0.100000', Timestamp: new Date(NOW - 60_000) },
        { AvailabilityZone: 'us-east-1a', InstanceType: 'g6.xlarge', ProductDescription: 'Linux/UNIX', SpotPrice: '0.410000', Timestamp: new Date(NOW - 120_000) },
      ],
    });
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock: withClock().clock });

    // Act
    const quotes = await prices.recentSpotPrices(['g6.xlarge'], NOW - HOUR, NOW);

    // Assess
    expect(quotes.map((q) => q.usdPerHour)).toEqual([0.41]);
  });

  it('stops a pagination that never ends with a non-retryable error', async () => {
    // Prepare
    const market = fakeSpotMarket();
    market.mock.on(DescribeSpotPriceHistoryCommand).resolves({ SpotPriceHistory: [], NextToken: 'again' });
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock: withClock().clock });

    // Act
    const read = prices.recentSpotPrices(['g6.xlarge'], NOW - HOUR, NOW);

    // Assess
    await expect(read).rejects.toMatchObject({ name: 'SpotPriceError', code: 'TooManyPages', retryable: false });
  });

  it("asks single-zone scores of the client's region in instances, rounded up to a power of two", async () => {
    // Prepare
    const market = fakeSpotMarket();
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock: withClock().clock });

    // Act
    await prices.placementScores(TYPES, 5);

    // Assess
    expect(market.mock.commandCalls(GetSpotPlacementScoresCommand)[0]?.args[0].input).toEqual({
      InstanceTypes: TYPES,
      TargetCapacity: 8,
      TargetCapacityUnitType: 'units',
      SingleAvailabilityZone: true,
      RegionNames: ['us-east-1'],
      MaxResults: 10,
      NextToken: undefined,
    });
  });

  it('reads the recorded GetSpotPlacementScores response and names its zones with one DescribeAvailabilityZones', async () => {
    // Prepare
    const market = fakeSpotMarket();
    market.mock.on(GetSpotPlacementScoresCommand).resolves({ SpotPlacementScores: SCORES });
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock: withClock().clock });

    // Act
    const scores = await prices.placementScores(TYPES, 4);

    // Assess
    expect(scores.map((s) => `${s.availabilityZone}=${s.score}`)).toEqual(['us-east-1b=9', 'us-east-1c=8', 'us-east-1a=6', 'us-east-1d=6', 'us-east-1f=3', 'us-east-1e=1']);
    expect(market.mock.commandCalls(DescribeAvailabilityZonesCommand)).toHaveLength(1);
  });

  it('reuses an answer for the same configuration for a while, then asks again', async () => {
    // Prepare
    const market = fakeSpotMarket();
    market.putScore('use1-az2', 9);
    const { clock, advance } = withClock();
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock, scoreReuseSeconds: 600 });

    // Act
    await prices.placementScores(TYPES, 3);
    advance(599_000);
    await prices.placementScores([...TYPES].reverse(), 4);
    advance(1_000);
    await prices.placementScores(TYPES, 4);

    // Assess
    expect(market.mock.commandCalls(GetSpotPlacementScoresCommand)).toHaveLength(2);
  });

  it('asks no new configuration past the daily cap, but still asks again for one already used', async () => {
    // Prepare
    const market = fakeSpotMarket();
    market.putScore('use1-az2', 9);
    const { clock, advance } = withClock();
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock, maxNewScoreConfigurationsPerDay: 2, scoreReuseSeconds: 0 });

    // Act
    const first = await prices.placementScores(TYPES, 1);
    await prices.placementScores(TYPES, 2);
    const refused = await prices.placementScores(TYPES, 4);
    const again = await prices.placementScores(TYPES, 1);
    advance(24 * HOUR);
    const nextDay = await prices.placementScores(TYPES, 4);

    // Assess
    expect(first).toHaveLength(1);
    expect(refused).toEqual([]);
    expect(again).toHaveLength(1);
    expect(nextDay).toHaveLength(1);
    expect(market.mock.commandCalls(GetSpotPlacementScoresCommand).map((c) => c.args[0].input.TargetCapacity)).toEqual([1, 2, 1, 4]);
  });

  it('answers no scores when the zones cannot be named', async () => {
    // Prepare
    const market = fakeSpotMarket();
    market.putScore('use1-az2', 9);
    market.failNext('DescribeAvailabilityZones', 'UnauthorizedOperation');
    const prices = new Ec2SpotPrices({ ec2: market.ec2, clock: withClock().clock });

    // Act
    const scores = await prices.placementScores(TYPES, 4);

    // Assess
    expect(scores).toEqual([]);
  });
});
