/** Contract of AlarmRecheckPort: one recheck per name, delivered at its time with the alarm's detail, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlarmRecheckPort, AlarmRecheckRequest, GpuAlarmRecheckDetail } from '../../layers/ports/alarm-recheck-port';

export interface AlarmRecheckContractSubject {
  port: AlarmRecheckPort;
  /** A port over the same kind of service that cannot answer (server fault). */
  unavailablePort: AlarmRecheckPort;
  /** The rechecks waiting to fire, earliest first, as the target will receive them. */
  pending(): { atMs: number; detail: GpuAlarmRecheckDetail }[];
}

/** gpu-low entered ALARM at 03:00; a critical fleet waits 30 minutes before shedding capacity, so it looks again at 03:30. */
const ALARM_AT_MS = Date.UTC(2026, 2, 14, 3, 0, 0);
const RECHECK_AT_MS = ALARM_AT_MS + 30 * 60_000;
const ALARM_NAME = 'gpu-fleet-autopilot-prod.bert-large-search.gpu-low';
const LOW_ALARM: GpuAlarmRecheckDetail = {
  fleetId: 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b',
  fleetName: 'bert-large-search',
  kind: 'gpu-low',
  state: 'ALARM',
  alarmName: ALARM_NAME,
  alarmArn: `arn:aws:cloudwatch:us-west-2:444455556666:alarm:${ALARM_NAME}`,
  reason: 'Threshold Crossed: 4 out of the last 5 datapoints were less than the threshold (20.0)',
  value: 12.5,
  threshold: 20,
};
const recheck = (name: string, atMs = RECHECK_AT_MS, detail: Partial<GpuAlarmRecheckDetail> = {}): AlarmRecheckRequest => ({ name, atMs, detail: { ...LOW_ALARM, ...detail } });

export const describeAlarmRecheckContract = (implementation: string, makeSubject: () => AlarmRecheckContractSubject): void => {
  describe(`AlarmRecheckPort contract: ${implementation}`, () => {
    let subject: AlarmRecheckContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it("holds a recheck for its time with the alarm's state, reason, datapoint and threshold", async () => {
      // Act
      await subject.port.scheduleRecheck(recheck('gar-bert-large-search-gpu-low-20260314T0330'));

      // Assess
      expect(subject.pending()).toEqual([{ atMs: RECHECK_AT_MS, detail: LOW_ALARM }]);
    });

    it('keeps a recheck without a datapoint as it is, with no value or threshold made up', async () => {
      // Prepare
      const { value: _value, threshold: _threshold, ...withoutData } = LOW_ALARM;

      // Act
      await subject.port.scheduleRecheck({ name: 'gar-no-data', atMs: RECHECK_AT_MS, detail: withoutData });

      // Assess
      expect(subject.pending()[0]?.detail).toStrictEqual(withoutData);
    });

    it('keeps the first recheck when a redelivered event asks for the same name, and resolves both times', async () => {
      // Prepare
      await subject.port.scheduleRecheck(recheck('gar-bert-large-search-gpu-low-20260314T0330'));

      // Act
      const again = subject.port.scheduleRecheck(recheck('gar-bert-large-search-gpu-low-20260314T0330', RECHECK_AT_MS, { reason: 'redelivered' }));

      // Assess
      await expect(again).resolves.toBeUndefined();
      expect(subject.pending().map((p) => p.detail.reason)).toEqual([LOW_ALARM.reason]);
    });

    it('holds rechecks of several alarms apart, earliest first, their long names kept distinct', async () => {
      // Prepare
      const long = `gpu-alarm-recheck/${LOW_ALARM.fleetId}/${'2026-03-14T03:30:00Z'.repeat(2)}`;

      // Act
      await subject.port.scheduleRecheck(recheck(`${long}/gpu-high`, RECHECK_AT_MS + 60_000, { kind: 'gpu-high' }));
      await subject.port.scheduleRecheck(recheck(`${long}/gpu-low`, RECHECK_AT_MS, { kind: 'gpu-low' }));

      // Assess
      expect(subject.pending().map((p) => p.detail.kind)).toEqual(['gpu-low', 'gpu-high']);
    });

    it('rejects with a retryable AlarmRecheckError naming the recheck when the service cannot answer', async () => {
      // Act
      const scheduling = subject.unavailablePort.scheduleRecheck(recheck('gar-bert-large-search-gpu-low-20260314T0330'));

      // Assess
      await expect(scheduling).rejects.toMatchObject({ name: 'AlarmRecheckError', retryable: true });
      await expect(scheduling).rejects.toThrow(/^scheduling gpu-alarm recheck gar-bert-large-search-gpu-low-20260314T0330/);
    });
  });
};
