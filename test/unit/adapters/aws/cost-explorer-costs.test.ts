/** CostExplorerCosts against recorded-shape GetCostAndUsage pages: the request it sends, paging, parsing, refusals. */
import { readFileSync } from 'node:fs';
import { CostExplorerClient, GetCostAndUsageCommand, type GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { CostExplorerCosts } from '../../../../layers/adapters/aws/cost-explorer-costs';
import { EC2_COMPUTE_SERVICE, type CostQuery } from '../../../../layers/ports/cost-explorer-port';

const page = (n: number): GetCostAndUsageCommandOutput => ({
  ...(JSON.parse(readFileSync(new URL(`../../../fixtures/aws/get-cost-and-usage-page-${n}.json`, import.meta.url), 'utf8')) as object),
  $metadata: {},
});
const QUERY: CostQuery = { startDay: '2026-11-26', endDay: '2026-11-29', groupBy: ['REGION', 'USAGE_TYPE'], services: [EC2_COMPUTE_SERVICE], instanceTypes: ['g5.xlarge', 'p3.2xlarge'] };
const newClient = () => new CostExplorerClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

describe('CostExplorerCosts', () => {
  it('asks DAILY UnblendedCost and UsageQuantity by REGION x USAGE_TYPE, filtered by And of SERVICE and INSTANCE_TYPE, and follows NextPageToken', async () => {
    // Prepare
    const ce = newClient();
    const mock = mockClient(ce);
    mock.on(GetCostAndUsageCommand).resolvesOnce(page(1)).resolvesOnce(page(2));

    // Act
    await new CostExplorerCosts({ ce }).costAndUsage(QUERY);

    // Assess
    const inputs = mock.commandCalls(GetCostAndUsageCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toEqual({
      TimePeriod: { Start: '2026-11-26', End: '2026-11-29' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'REGION' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: { And: [{ Dimensions: { Key: 'SERVICE', Values: [EC2_COMPUTE_SERVICE] } }, { Dimensions: { Key: 'INSTANCE_TYPE', Values: ['g5.xlarge', 'p3.2xlarge'] } }] },
    });
    expect(inputs[1]).toEqual({ ...inputs[0], NextPageToken: page(1).NextPageToken });
  });

  it('reads every group of both pages, a day continued on the next page included, and counts two billed requests', async () => {
    // Prepare
    const ce = newClient();
    mockClient(ce).on(GetCostAndUsageCommand).resolvesOnce(page(1)).resolvesOnce(page(2));

    // Act
    const answer = await new CostExplorerCosts({ ce }).costAndUsage(QUERY);

    // Assess
    expect(answer.requests).toBe(2);
    expect(answer.groups.map((g) => [g.day, g.keys.join(' '), g.unblendedCostUsd, g.usageQuantity, g.estimated])).toEqual([
      ['2026-11-26', 'us-east-1 BoxUsage:g5.xlarge', 96.576, 96, false],
      ['2026-11-26', 'us-east-1 SpotUsage:g5.xlarge', 29.4912, 72, false],
      ['2026-11-26', 'us-east-1 USE1-EBSOptimized:g5.xlarge', 0, 96, false],
      ['2026-11-27', 'us-east-1 BoxUsage:g5.xlarge', 72.432, 72, false],
      ['2026-11-27', 'us-west-2 USW2-BoxUsage:p3.2xlarge', 73.44, 24, false],
      ['2026-11-28', 'us-east-1 BoxUsage:g5.xlarge', 48.288, 48, true],
      ['2026-11-28', 'us-west-2 USW2-BoxUsage:p3.2xlarge', 73.44, 24, true],
    ]);
  });

  it('sends no filter when the query has none, and a single Dimensions expression for one', async () => {
    // Prepare
    const ce = newClient();
    const mock = mockClient(ce);
    mock.on(GetCostAndUsageCommand).resolves(page(2));
    const costs = new CostExplorerCosts({ ce });

    // Act
    await costs.costAndUsage({ ...QUERY, services: undefined, instanceTypes: undefined });
    await costs.costAndUsage({ ...QUERY, instanceTypes: undefined });

    // Assess
    const [none, one] = mock.commandCalls(GetCostAndUsageCommand).map((c) => c.args[0].input.Filter);
    expect([none, one]).toEqual([undefined, { Dimensions: { Key: 'SERVICE', Values: [EC2_COMPUTE_SERVICE] } }]);
  });

  it('gives up after its page budget rather than paying for a runaway pagination', async () => {
    // Prepare
    const ce = newClient();
    mockClient(ce).on(GetCostAndUsageCommand).resolves(page(1));

    // Act
    const read = new CostExplorerCosts({ ce, maxRequestsPerQuery: 3 }).costAndUsage(QUERY);

    // Assess
    await expect(read).rejects.toMatchObject({ name: 'CostExplorerError', code: 'TooManyPages', retryable: false });
  });

  it('rejects an amount that is not a number, naming the metric', async () => {
    // Prepare
    const ce = newClient();
    const bad = page(2);
    const group = bad.ResultsByTime?.[0]?.Groups?.[0];
    if (group?.Metrics?.UnblendedCost) group.Metrics.UnblendedCost.Amount = 'n/a';
    mockClient(ce).on(GetCostAndUsageCommand).resolves(bad);

    // Act
    const read = new CostExplorerCosts({ ce }).costAndUsage(QUERY);

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'MalformedResponse', message: expect.stringMatching(/UnblendedCost amount "n\/a"/) });
  });

  it('rejects a query it knows Cost Explorer would refuse without sending it', async () => {
    // Prepare
    const ce = newClient();
    const mock = mockClient(ce);

    // Act
    const read = new CostExplorerCosts({ ce }).costAndUsage({ ...QUERY, startDay: '2026-11-29' });

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'ValidationException', retryable: false });
    expect(mock.commandCalls(GetCostAndUsageCommand)).toHaveLength(0);
  });
});
