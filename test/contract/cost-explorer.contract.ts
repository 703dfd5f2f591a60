/** Contract of CostExplorerPort: daily groups in GroupBy order, filters, paging billed per page, errors; on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Market } from '../../layers/core/fleet';
import { EC2_COMPUTE_SERVICE, type CostExplorerPort, type CostQuery } from '../../layers/ports/cost-explorer-port';

/** One implementation under test, with ways to put usage in its bill and make it fail. */
export interface CostExplorerContractSubject {
  port: CostExplorerPort;
  /** Bills `instances` instances running all `day` at `usdPerHour` (service: EC2 instances unless given). */
  recordDay(day: string, usage: { region: string; instanceType: string; market: Market; instances: number; usdPerHour: number; service?: string }): void;
  /** Throttles the next request. */
  throttleNext(): void;
}

export interface CostExplorerContractOptions {
  /** Groups per page: 2, so that paging is always exercised. */
  pageSize: number;
  estimatedFromDay?: string;
}

const WINDOW: CostQuery = { startDay: '2026-11-26', endDay: '2026-11-29', groupBy: ['REGION', 'USAGE_TYPE'] };

export const describeCostExplorerContract = (implementation: string, makeSubject: (options: CostExplorerContractOptions) => CostExplorerContractSubject): void => {
  describe(`CostExplorerPort contract: ${implementation}`, () => {
    let subject: CostExplorerContractSubject;

    beforeEach(() => {
      subject = makeSubject({ pageSize: 2, estimatedFromDay: '2026-11-28' });
      subject.recordDay('2026-11-26', { region: 'us-east-1', instanceType: 'g5.xlarge', market: 'on-demand', instances: 4, usdPerHour: 1.006 });
      subject.recordDay('2026-11-26', { region: 'us-east-1', instanceType: 'g5.xlarge', market: 'spot', instances: 3, usdPerHour: 0.4096 });
      subject.recordDay('2026-11-27', { region: 'us-west-2', instanceType: 'p3.2xlarge', market: 'on-demand', instances: 1, usdPerHour: 3.06 });
      subject.recordDay('2026-11-28', { region: 'us-east-1', instanceType: 'g5.xlarge', market: 'on-demand', instances: 2, usdPerHour: 1.006 });
      subject.recordDay('2026-11-28', { region: 'us-east-1', instanceType: 'c7i.large', market: 'on-demand', instances: 1, usdPerHour: 0.08925 });
      subject.recordDay('2026-11-28', { region: 'us-east-1', instanceType: 'g5.xlarge', market: 'on-demand', instances: 1, usdPerHour: 0.5, service: 'Amazon SageMaker' });
    });

    it('answers one group per day and dimension values, keyed in GroupBy order, over every page', async () => {
      // Act
      const answer = await subject.port.costAndUsage({ ...WINDOW, services: [EC2_COMPUTE_SERVICE], instanceTypes: ['g5.xlarge', 'p3.2xlarge'] });

      // Assess
      expect(answer.groups.map((g) => [g.day, ...g.keys, Number(g.unblendedCostUsd.toFixed(4)), g.usageQuantity]).sort()).toEqual([
        ['2026-11-26', 'us-east-1', 'BoxUsage:g5.xlarge', 96.576, 96],
        ['2026-11-26', 'us-east-1', 'SpotUsage:g5.xlarge', 29.4912, 72],
        ['2026-11-27', 'us-west-2', 'USW2-BoxUsage:p3.2xlarge', 73.44, 24],
        ['2026-11-28', 'us-east-1', 'BoxUsage:g5.xlarge', 48.288, 48],
      ]);
      expect(answer.requests).toBe(2);
    });

    it('filters by service, so that another service on the same instance type stays out', async () => {
      // Act
      const answer = await subject.port.costAndUsage({ ...WINDOW, startDay: '2026-11-28', groupBy: ['INSTANCE_TYPE'], services: [EC2_COMPUTE_SERVICE] });

      // Assess
      // Within a day the order is the service's: compare sorted.
      expect(answer.groups.map((g) => [g.keys[0], Number(g.unblendedCostUsd.toFixed(4))]).sort()).toEqual([
        ['c7i.large', 2.142],
        ['g5.xlarge', 48.288],
      ]);
    });

    it('flags the days Cost Explorer has not finalized as estimated', async () => {
      // Act
      const answer = await subject.port.costAndUsage({ ...WINDOW, groupBy: ['REGION'], services: [EC2_COMPUTE_SERVICE] });

      // Assess
      expect(answer.groups.map((g) => [g.day, g.estimated])).toEqual([
        ['2026-11-26', false],
        ['2026-11-27', false],
        ['2026-11-28', true],
      ]);
    });

    it('answers no group for a window without cost, in one billed request', async () => {
      // Act
      const answer = await subject.port.costAndUsage({ ...WINDOW, startDay: '2026-10-01', endDay: '2026-10-08' });

      // Assess
      expect(answer).toEqual({ groups: [], requests: 1 });
    });

    it('rejects three GroupBy dimensions with a CostExplorerError a retry will not fix', async () => {
      // Act
      const read = subject.port.costAndUsage({ ...WINDOW, groupBy: ['REGION', 'USAGE_TYPE', 'INSTANCE_TYPE'] });

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'CostExplorerError', code: 'ValidationException', retryable: false });
    });

    it('rejects with a retryable CostExplorerError saying what it read when throttled', async () => {
      // Prepare
      subject.throttleNext();

      // Act
      const read = subject.port.costAndUsage(WINDOW);

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'CostExplorerError', code: 'LimitExceededException', retryable: true });
      await expect(read).rejects.toThrow(/^reading Cost Explorer 2026-11-26\.\.2026-11-29 by REGION x USAGE_TYPE/);
    });
  });
};
