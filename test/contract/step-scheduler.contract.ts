/** Contract of StepSchedulerPort: one planned step per name, delivered at its time with its detail, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ForecastStepDetail, StepScheduleRequest, StepSchedulerPort } from '../../layers/ports/step-scheduler-port';

/** A step as the implementation holds it, read back in the port's terms. */
export interface PendingStep {
  atMs: number;
  detail: ForecastStepDetail;
}

export interface StepSchedulerContractSubject {
  port: StepSchedulerPort;
  /** A port over the same kind of service that cannot answer (throttled). */
  unavailablePort: StepSchedulerPort;
  /** The steps waiting to fire, earliest first. */
  pending(): PendingStep[];
}

/** A ramp planned by the 12:00 run: 1,500 units needed from 12:20, posted at 12:10 (the fleet's 10-minute lead time). */
const RUN_AT_MS = Date.UTC(2026, 2, 2, 12, 0, 0);
const POST_AT_MS = RUN_AT_MS + 10 * 60_000;
const FLEET_ID = 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b';
const step = (name: string, atMs = POST_AT_MS, targetUnits = 1_500): StepScheduleRequest => ({
  name,
  atMs,
  detail: { fleetId: FLEET_ID, targetUnits, effectiveAtMs: atMs + 10 * 60_000, runId: 'forecast-20260302T120000Z' },
});

export const describeStepSchedulerContract = (implementation: string, makeSubject: () => StepSchedulerContractSubject): void => {
  describe(`StepSchedulerPort contract: ${implementation}`, () => {
    let subject: StepSchedulerContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it('holds a planned step for its posting time with the fleet, the units, the step and the run', async () => {
      // Act
      await subject.port.scheduleStep(step('step-bert-large-20260302T1210'));

      // Assess
      expect(subject.pending()).toEqual([
        {
          atMs: POST_AT_MS,
          detail: { fleetId: FLEET_ID, targetUnits: 1_500, effectiveAtMs: POST_AT_MS + 600_000, runId: 'forecast-20260302T120000Z' },
        },
      ]);
    });

    it('keeps the first step when a second run plans the same name, and resolves both times', async () => {
      // Prepare
      await subject.port.scheduleStep(step('step-bert-large-20260302T1210', POST_AT_MS, 1_500));

      // Act
      const replanned = subject.port.scheduleStep(step('step-bert-large-20260302T1210', POST_AT_MS, 1_800));

      // Assess
      await expect(replanned).resolves.toBeUndefined();
      expect(subject.pending().map((p) => p.detail.targetUnits)).toEqual([1_500]);
    });

    it('holds every step of a ramp, earliest first, whatever order they were planned in', async () => {
      // Act
      await subject.port.scheduleStep(step('step-c', POST_AT_MS + 10 * 60_000, 1_900));
      await subject.port.scheduleStep(step('step-a', POST_AT_MS, 1_500));
      await subject.port.scheduleStep(step('step-b', POST_AT_MS + 5 * 60_000, 1_700));

      // Assess
      expect(subject.pending().map((p) => p.detail.targetUnits)).toEqual([1_500, 1_700, 1_900]);
    });

    it('tells apart step names that only differ in characters or beyond 64 characters', async () => {
      // Prepare
      const long = `forecast/${FLEET_ID}/${'2026-03-02T12:10:00Z'.repeat(3)}`;

      // Act
      await subject.port.scheduleStep(step(`${long}#1`, POST_AT_MS, 1));
      await subject.port.scheduleStep(step(`${long}#2`, POST_AT_MS, 2));
      await subject.port.scheduleStep(step('fleet:a', POST_AT_MS, 3));
      await subject.port.scheduleStep(step('fleet/a', POST_AT_MS, 4));

      // Assess
      expect(subject.pending().map((p) => p.detail.targetUnits).sort()).toEqual([1, 2, 3, 4]);
    });

    it('posts a step no earlier than asked and within the second after', async () => {
      // Act
      await subject.port.scheduleStep(step('step-odd-millisecond', POST_AT_MS + 1));

      // Assess
      const atMs = subject.pending()[0]?.atMs ?? Number.NaN;
      expect(atMs - (POST_AT_MS + 1)).toBeGreaterThanOrEqual(0);
      expect(atMs - (POST_AT_MS + 1)).toBeLessThan(1_000);
    });

    it('rejects with a retryable StepSchedulerError naming the step when the service cannot answer', async () => {
      // Act
      const scheduling = subject.unavailablePort.scheduleStep(step('step-bert-large-20260302T1210'));

      // Assess
      await expect(scheduling).rejects.toMatchObject({ name: 'StepSchedulerError', retryable: true });
      await expect(scheduling).rejects.toThrow(/^scheduling forecast step step-bert-large-20260302T1210/);
    });
  });
};
