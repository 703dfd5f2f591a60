// Attribution by example: Cost Anomaly Detection root causes mapped to the managed fleets, or left outside with the reason.
import { describe, expect, it } from 'vitest';
import { attributeAnomaly, EC2_COMPUTE_SERVICE } from '../../../../layers/core/cost/attribute-anomaly';
import type { CostAnomaly, CostRootCause } from '../../../../layers/core/cost/cost-anomaly';
import { aFleet } from '../../../helpers/spot-factories';

const ACCOUNT = '123456789012';
const search = aFleet({ fleetId: 'fleet-0a', name: 'bert-large-search', capacityUnitsByType: { 'g5.xlarge': 100, 'g6.xlarge': 100 } });
const rerank = aFleet({ fleetId: 'fleet-0b', name: 'reranker', capacityUnitsByType: { 'p3.2xlarge': 200 } });
const ctx = { accountId: ACCOUNT, region: 'us-east-1', fleets: [search, rerank] };

/** The AWS EventBridge sample's anomaly (impact $1,001 since 2021-05-25) with the given root causes. */
const anAnomaly = (rootCauses: CostRootCause[], overrides: Partial<CostAnomaly> = {}): CostAnomaly => ({
  anomalyId: '12345678-abcd-ef12-3456-987654321a12',
  via: 'eventbridge',
  accountId: ACCOUNT,
  startMs: Date.UTC(2021, 4, 25),
  dimensionValue: EC2_COMPUTE_SERVICE,
  score: { current: 0.47, max: 0.47 },
  impact: { maxImpactUsd: 151, totalImpactUsd: 1001, totalActualSpendUsd: 1301, totalExpectedSpendUsd: 300 },
  rootCauses,
  receivedAtMs: Date.UTC(2021, 4, 26, 6),
  ...overrides,
});
const ec2 = (cause: CostRootCause): CostRootCause => ({ service: EC2_COMPUTE_SERVICE, region: 'us-east-1', linkedAccount: ACCOUNT, ...cause });

describe('attributeAnomaly', () => {
  it('maps a Spot usage type to the fleet that lists its instance type, with its contribution and market', () => {
    // Prepare / Act
    const result = attributeAnomaly(anAnomaly([ec2({ usageType: 'SpotUsage:g5.xlarge', impactUsd: 601 })]), ctx);

    // Assess
    expect(result).toEqual({
      fleets: [{ fleetId: 'fleet-0a', matchedBy: ['usage type SpotUsage:g5.xlarge in us-east-1'], impactUsd: 601, market: 'spot', instanceTypes: ['g5.xlarge'] }],
      outside: [],
    });
  });

  it('reads a Region-prefixed on-demand usage type and merges two causes on one fleet', () => {
    // Prepare
    const causes = [ec2({ usageType: 'USE1-BoxUsage:g6.xlarge', impactUsd: 300 }), ec2({ usageType: 'SpotUsage:g5.xlarge', impactUsd: 100 })];

    // Act
    const [fleet] = attributeAnomaly(anAnomaly(causes), ctx).fleets;

    // Assess: two markets, so none is named
    expect(fleet).toEqual({ fleetId: 'fleet-0a', matchedBy: ['usage type USE1-BoxUsage:g6.xlarge in us-east-1', 'usage type SpotUsage:g5.xlarge in us-east-1'], impactUsd: 400, instanceTypes: ['g6.xlarge', 'g5.xlarge'] });
  });

  it('shares a cause without a usage type among every fleet of the Region', () => {
    // Act
    const result = attributeAnomaly(anAnomaly([ec2({ impactUsd: 500 })]), ctx);

    // Assess
    expect(result.fleets.map((f) => [f.fleetId, f.impactUsd])).toEqual([['fleet-0a', 250], ['fleet-0b', 250]]);
  });

  it.each([
    ['another Region (the SNS sample)', { region: 'ap-northeast-1', usageType: 'AnomalousUsageType' }, 'Region ap-northeast-1 has no managed fleet (they run in us-east-1)'],
    ['another linked account', { linkedAccount: '210987654321', usageType: 'SpotUsage:g5.xlarge' }, "account 210987654321 is not the fleets' account 123456789012"],
    ['EBS volume usage', { usageType: 'USE1-EBS:VolumeUsage.gp3' }, 'usage type USE1-EBS:VolumeUsage.gp3 is not instance-hours'],
    ['a type no fleet runs', { usageType: 'SpotUsage:g4dn.xlarge' }, 'no managed fleet runs g4dn.xlarge'],
    ['usage in another Region by its prefix', { usageType: 'EU-BoxUsage:g5.xlarge' }, 'usage type EU-BoxUsage:g5.xlarge is in eu-west-1, not us-east-1'],
    ['another service', { service: 'Amazon Simple Storage Service' }, 'service Amazon Simple Storage Service is not EC2 instance usage'],
  ])('leaves %s outside the fleets, saying why', (_, cause, why) => {
    // Act
    const result = attributeAnomaly(anAnomaly([ec2(cause)]), ctx);

    // Assess
    expect(result.fleets).toEqual([]);
    expect(result.outside).toHaveLength(1);
    expect(result.outside[0]?.why).toContain(why);
  });

  it("falls back on the monitor's dimension when the alert carries no root cause", () => {
    // Act
    const s3 = attributeAnomaly(anAnomaly([], { dimensionValue: 'Amazon Simple Storage Service' }), ctx);
    const compute = attributeAnomaly(anAnomaly([]), ctx);

    // Assess
    expect(s3.outside.map((o) => o.why)).toEqual(['no dimension given: service Amazon Simple Storage Service is not EC2 instance usage']);
    expect(compute.fleets.map((f) => f.fleetId)).toEqual(['fleet-0a', 'fleet-0b']);
  });

  it('attributes a spend-rate anomaly to the fleet that raised it, and an unmanaged one to nothing', () => {
    // Prepare
    const own = anAnomaly([{ region: 'us-east-1', usageType: 'SpotUsage:g5.xlarge', impactUsd: 12 }], { via: 'spend-rate', fleetId: 'fleet-0b' });

    // Act
    const result = attributeAnomaly(own, ctx);
    const gone = attributeAnomaly({ ...own, fleetId: 'fleet-gone' }, ctx);

    // Assess
    expect(result).toEqual({ fleets: [{ fleetId: 'fleet-0b', matchedBy: ['its own spend rate left its band'], impactUsd: 12, instanceTypes: [] }], outside: [] });
    expect(gone.fleets).toEqual([]);
    expect(gone.outside[0]?.why).toBe('fleet fleet-gone is not managed');
  });
});
