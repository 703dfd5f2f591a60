/** Runs the ReplacementCheckPort contract against the in-memory EventBridge Scheduler twin for replacement checks. */
import { InMemoryReplacementChecks } from '../../layers/twins/in-memory-replacement-checks';
import { describeReplacementCheckContract } from './replacement-check.contract';

describeReplacementCheckContract('InMemoryReplacementChecks', () => {
  const twin = new InMemoryReplacementChecks();
  return {
    port: twin,
    unavailablePort: {
      scheduleCheck: (request) => {
        twin.failNext('throttling');
        return twin.scheduleCheck(request);
      },
    },
    pending: () => twin.pending().map(({ atMs, detail }) => ({ atMs, detail })),
  };
});
