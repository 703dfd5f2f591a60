/** Runs the AlarmRecheckPort contract against the in-memory EventBridge Scheduler twin for gpu-alarm rechecks. */
import { InMemoryAlarmRechecks } from '../../layers/twins/in-memory-alarm-rechecks';
import { describeAlarmRecheckContract } from './alarm-recheck.contract';

describeAlarmRecheckContract('InMemoryAlarmRechecks', () => {
  const twin = new InMemoryAlarmRechecks();
  return {
    port: twin,
    unavailablePort: {
      scheduleRecheck: (request) => {
        twin.failNext('unavailable');
        return twin.scheduleRecheck(request);
      },
    },
    pending: () => twin.pending().map(({ atMs, detail }) => ({ atMs, detail })),
  };
});
