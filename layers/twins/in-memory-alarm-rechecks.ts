/** Twin of EventBridge Scheduler for gpu-alarm rechecks: keeps one-time schedules by name and hands out those due. */
import type { GpuAlarmRecheckDetail } from '../core/gpu-alarm-recheck-event';
import { AlarmRecheckError, type AlarmRecheckPort, type AlarmRecheckRequest } from '../ports/alarm-recheck-port';
import { OneTimeScheduleBook, type OneTimeSchedule } from './one-time-schedule-book';

/** A recheck the twin holds until it is due. */
export type ScheduledRecheck = OneTimeSchedule<GpuAlarmRecheckDetail>;

/**
 * Like the service with `ActionAfterCompletion: DELETE`: a name holds one recheck until it fires, scheduling it again
 * while it waits changes nothing, and a fired recheck is gone. Tests and the simulator fire `due(nowMs)` through
 * the gpu-alarm handler.
 *
 * @example
 * const rechecks = new InMemoryAlarmRechecks();
 * await rechecks.scheduleRecheck({ name: 'gar-1', atMs, detail });
 * rechecks.due(atMs); // [{ name: 'gar-1', atMs, detail }]
 */
export class InMemoryAlarmRechecks extends OneTimeScheduleBook<GpuAlarmRecheckDetail> implements AlarmRecheckPort {
  constructor() {
    super('gpu-alarm recheck', AlarmRecheckError);
  }

  async scheduleRecheck(request: AlarmRecheckRequest): Promise<void> {
    this.hold(request);
  }
}
