/** Runs the SchedulerPort contract against the in-memory EventBridge Scheduler twin. */
import { InMemoryScheduler } from '../../layers/twins/in-memory-scheduler';
import { describeSchedulerContract } from './scheduler.contract';

describeSchedulerContract('InMemoryScheduler', () => {
  const twin = new InMemoryScheduler();
  return {
    port: twin,
    unavailablePort: {
      scheduleOnce: (request) => {
        twin.failNext('throttling');
        return twin.scheduleOnce(request);
      },
    },
    pending: () => twin.pending().map(({ atMs, detail }) => ({ atMs, detail })),
  };
});
