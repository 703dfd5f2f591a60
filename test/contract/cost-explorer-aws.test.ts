/** Runs the CostExplorerPort contract against CostExplorerCosts over a mocked, paging Cost Explorer. */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { CostExplorerCosts } from '../../layers/adapters/aws/cost-explorer-costs';
import { EC2_COMPUTE_SERVICE } from '../../layers/ports/cost-explorer-port';
import { usageTypeOf } from '../../layers/twins/in-memory-cost-explorer';
import { fakeCostExplorer } from '../helpers/fake-cost-explorer';
import { describeCostExplorerContract } from './cost-explorer.contract';

const newClient = (): CostExplorerClient =>
  new CostExplorerClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

describeCostExplorerContract('CostExplorerCosts on a mocked Cost Explorer', (options) => {
  const ce = newClient();
  const fake = fakeCostExplorer(ce, { pageSize: options.pageSize });
  if (options.estimatedFromDay) fake.estimatedFromDay = options.estimatedFromDay;
  return {
    port: new CostExplorerCosts({ ce }),
    recordDay: (day, usage) => {
      const dims = {
        REGION: usage.region,
        USAGE_TYPE: usageTypeOf(usage.region, usage.market, usage.instanceType),
        INSTANCE_TYPE: usage.instanceType,
        SERVICE: usage.service ?? EC2_COMPUTE_SERVICE,
      };
      fake.rows.push({ day, dims, usd: 24 * usage.instances * usage.usdPerHour, quantity: 24 * usage.instances });
    },
    throttleNext: () => {
      fake.throttleNext += 1;
    },
  };
});
