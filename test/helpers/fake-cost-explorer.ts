/** Cost Explorer behind aws-sdk-client-mock: answers GetCostAndUsage from stored daily rows in the documented shape. */
import { CostExplorerServiceException, GetCostAndUsageCommand, type CostExplorerClient, type GetCostAndUsageCommandInput } from '@aws-sdk/client-cost-explorer';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

/** One stored daily row, with every dimension the fake groups or filters by. */
export interface FakeCostRow {
  day: string;
  dims: Record<string, string>;
  usd: number;
  quantity: number;
}

export interface FakeCostExplorer {
  mock: AwsClientStub<CostExplorerClient>;
  rows: FakeCostRow[];
  /** Days on or after this one are answered `Estimated: true`. */
  estimatedFromDay?: string;
  /** The next this-many requests are throttled (LimitExceededException). */
  throttleNext: number;
}

export const ceError = (name: string, message: string, status = 400): CostExplorerServiceException =>
  new CostExplorerServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: status } });

const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const matches = (row: FakeCostRow, filter: GetCostAndUsageCommandInput['Filter']): boolean => {
  if (!filter) return true;
  if (filter.And) return filter.And.every((f) => matches(row, f));
  const d = filter.Dimensions;
  return d?.Key === undefined || (d.Values ?? []).includes(row.dims[d.Key] ?? '');
};

/**
 * As the reference describes: at most two GroupBy (else ValidationException), DAILY results for every day of
 * [Start, End), Keys in GroupBy order, Amounts as strings, `Total` empty when grouped, `pageSize` groups a page.
 */
export const fakeCostExplorer = (client: CostExplorerClient, options: { pageSize: number }): FakeCostExplorer => {
  const fake: FakeCostExplorer = { mock: mockClient(client), rows: [], throttleNext: 0 };
  fake.mock.on(GetCostAndUsageCommand).callsFake((input: GetCostAndUsageCommandInput) => {
    if (fake.throttleNext > 0) {
      fake.throttleNext -= 1;
      throw ceError('LimitExceededException', 'You made too many calls in a short period of time. Try again later.');
    }
    const groupBy = (input.GroupBy ?? []).map((g) => g.Key ?? '');
    if (groupBy.length > 2) throw ceError('ValidationException', 'You can only group by up to two dimensions');
    const start = input.TimePeriod?.Start ?? '';
    const end = input.TimePeriod?.End ?? '';
    if (!(start < end)) throw ceError('ValidationException', 'Start date must be before end date');
    const flat: { day: string; keys: string[]; usd: number; quantity: number }[] = [];
    for (let day = start; day < end; day = dayAfter(day)) {
      const groups = new Map<string, { day: string; keys: string[]; usd: number; quantity: number }>();
      for (const row of fake.rows.filter((r) => r.day === day && matches(r, input.Filter))) {
        const keys = groupBy.map((k) => row.dims[k] ?? '');
        const g = groups.get(keys.join('|')) ?? { day, keys, usd: 0, quantity: 0 };
        groups.set(keys.join('|'), { ...g, usd: g.usd + row.usd, quantity: g.quantity + row.quantity });
      }
      flat.push(...groups.values());
    }
    const offset = input.NextPageToken ? Number(input.NextPageToken.slice('page-'.length)) : 0;
    const page = flat.slice(offset, offset + options.pageSize);
    const days = [...new Set(page.map((g) => g.day))];
    return {
      ...(offset + options.pageSize < flat.length ? { NextPageToken: `page-${offset + options.pageSize}` } : {}),
      GroupDefinitions: groupBy.map((Key) => ({ Type: 'DIMENSION', Key })),
      ResultsByTime: days.map((day) => ({
        TimePeriod: { Start: day, End: dayAfter(day) },
        Total: {},
        Groups: page.filter((g) => g.day === day).map((g) => ({
          Keys: g.keys,
          Metrics: { UnblendedCost: { Amount: String(g.usd), Unit: 'USD' }, UsageQuantity: { Amount: String(g.quantity), Unit: 'N/A' } },
        })),
        Estimated: fake.estimatedFromDay !== undefined && day >= fake.estimatedFromDay,
      })),
      DimensionValueAttributes: [],
      $metadata: {},
    };
  });
  return fake;
};
