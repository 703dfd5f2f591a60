/** Contract of SchedulerPort: one follow-up per name, delivered at its time with its detail, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FollowUpRequest, SchedulerPort } from '../../layers/ports/scheduler-port';

/** A follow-up as the implementation holds it, read back in the port's terms. */
export interface PendingFollowUp {
  atMs: number;
  detail: FollowUpRequest['detail'];
}

export interface SchedulerContractSubject {
  port: SchedulerPort;
  /** A port over the same kind of service that cannot answer (throttled). */
  unavailablePort: SchedulerPort;
  /** The follow-ups waiting to fire, earliest first. */
  pending(): PendingFollowUp[];
}

const AT_MS = Date.UTC(2026, 2, 1, 12, 5, 0);
/** The incident that scheduled the follow-up: the decision ignores a follow-up of another incident. */
const incidentOf = (instanceId: string): string => `spot-${instanceId}-20260301T113500000Z`;
const followUp = (name: string, instanceId = 'i-0123456789abcdef0', atMs = AT_MS): FollowUpRequest => ({
  name,
  atMs,
  detail: { instanceId, incidentId: incidentOf(instanceId), purpose: 'drain-timeout' },
});

export const describeSchedulerContract = (implementation: string, makeSubject: () => SchedulerContractSubject): void => {
  describe(`SchedulerPort contract: ${implementation}`, () => {
    let subject: SchedulerContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it('holds a follow-up for its time with its detail, the incident that scheduled it included', async () => {
      // Act
      await subject.port.scheduleOnce(followUp('drain-timeout-i-0123456789abcdef0'));

      // Assess
      expect(subject.pending()).toEqual([
        { atMs: AT_MS, detail: { instanceId: 'i-0123456789abcdef0', incidentId: 'spot-i-0123456789abcdef0-20260301T113500000Z', purpose: 'drain-timeout' } },
      ]);
    });

    it('keeps one follow-up when the same name is scheduled twice, and resolves both times', async () => {
      // Prepare
      await subject.port.scheduleOnce(followUp('drain-timeout-i-0123456789abcdef0'));

      // Act
      const again = subject.port.scheduleOnce(followUp('drain-timeout-i-0123456789abcdef0', 'i-0123456789abcdef0', AT_MS + 60_000));

      // Assess
      await expect(again).resolves.toBeUndefined();
      expect(subject.pending()).toEqual([expect.objectContaining({ atMs: AT_MS })]);
    });

    it('keeps follow-ups of different names apart, earliest first', async () => {
      // Act
      await subject.port.scheduleOnce(followUp('drain-timeout-i-0bbb', 'i-0bbb', AT_MS + 60_000));
      await subject.port.scheduleOnce(followUp('drain-timeout-i-0aaa', 'i-0aaa', AT_MS));

      // Assess
      expect(subject.pending().map((p) => p.detail.instanceId)).toEqual(['i-0aaa', 'i-0bbb']);
    });

    it('accepts names with any characters and any length, and still tells them apart', async () => {
      // Prepare
      const long = `incident/${'x'.repeat(80)}`;

      // Act
      await subject.port.scheduleOnce(followUp('drain:i-0aaa', 'i-0aaa'));
      await subject.port.scheduleOnce(followUp('drain/i-0aaa', 'i-0bbb'));
      await subject.port.scheduleOnce(followUp(`${long}:1`, 'i-0ccc'));
      await subject.port.scheduleOnce(followUp(`${long}:2`, 'i-0ddd'));

      // Assess
      expect(subject.pending().map((p) => p.detail.instanceId).sort()).toEqual(['i-0aaa', 'i-0bbb', 'i-0ccc', 'i-0ddd']);
    });

    it('never fires before the requested time, and within the second after it', async () => {
      // Act
      await subject.port.scheduleOnce(followUp('drain-timeout-i-0aaa', 'i-0aaa', AT_MS + 250));

      // Assess
      const [pending] = subject.pending();
      expect(pending?.atMs).toBeGreaterThanOrEqual(AT_MS + 250);
      expect(pending?.atMs).toBeLessThan(AT_MS + 1_250);
    });

    it('rejects with a retryable SchedulerError naming the follow-up when the service cannot answer', async () => {
      // Act
      const scheduling = subject.unavailablePort.scheduleOnce(followUp('drain-timeout-i-0aaa'));

      // Assess
      await expect(scheduling).rejects.toMatchObject({ name: 'SchedulerError', retryable: true });
      await expect(scheduling).rejects.toThrow(/^scheduling follow-up drain-timeout-i-0aaa/);
    });
  });
};
