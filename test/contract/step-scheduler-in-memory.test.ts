/** Runs the StepSchedulerPort contract against the in-memory EventBridge Scheduler twin for forecast steps. */
import { InMemoryStepScheduler } from '../../layers/twins/in-memory-step-scheduler';
import { describeStepSchedulerContract } from './step-scheduler.contract';

describeStepSchedulerContract('InMemoryStepScheduler', () => {
  const twin = new InMemoryStepScheduler();
  return {
    port: twin,
    unavailablePort: {
      scheduleStep: (request) => {
        twin.failNext('unavailable');
        return twin.scheduleStep(request);
      },
    },
    pending: () => twin.pending().map(({ atMs, detail }) => ({ atMs, detail })),
  };
});
