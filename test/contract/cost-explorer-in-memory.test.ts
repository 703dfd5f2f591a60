/** Runs the CostExplorerPort contract against the in-memory Cost Explorer twin. */
import { InMemoryCostExplorer } from '../../layers/twins/in-memory-cost-explorer';
import { describeCostExplorerContract } from './cost-explorer.contract';

describeCostExplorerContract('InMemoryCostExplorer', (options) => {
  const twin = new InMemoryCostExplorer(options);
  return {
    port: twin,
    recordDay: (day, usage) => {
      const startMs = Date.parse(`${day}T00:00:00Z`);
      twin.recordUsage({ ...usage, startMs, endMs: startMs + 86_400_000 });
    },
    throttleNext: () => twin.failNext('throttling'),
  };
});
