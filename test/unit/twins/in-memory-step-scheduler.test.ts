/** Behaviour of the forecast-step scheduler twin beyond the contract: firing, freeing names, failures, reset. */
import { describe, expect, it } from 'vitest';
import type { StepScheduleRequest } from '../../../layers/ports/step-scheduler-port';
import { InMemoryStepScheduler } from '../../../layers/twins/in-memory-step-scheduler';

const AT_MS = Date.UTC(2026, 2, 2, 7, 20);
const step = (name: string, atMs: number, targetUnits = 640): StepScheduleRequest => ({
  name,
  atMs,
  detail: { fleetId: 'fleet-0b1c2d3e', targetUnits, effectiveAtMs: atMs + 600_000, runId: 'forecast-1' },
});

describe('InMemoryStepScheduler', () => {
  it('fires the steps due by now, earliest first, and only once', async () => {
    // Prepare
    const steps = new InMemoryStepScheduler();
    await steps.scheduleStep(step('later', AT_MS + 300_000));
    await steps.scheduleStep(step('now', AT_MS));

    // Act
    const first = steps.due(AT_MS);
    const again = steps.due(AT_MS);

    // Assess
    expect({ first: first.map((s) => s.name), again, left: steps.pending().map((s) => s.name) }).toEqual({ first: ['now'], again: [], left: ['later'] });
  });

  it('takes a name again once its step has fired', async () => {
    // Prepare
    const steps = new InMemoryStepScheduler();
    await steps.scheduleStep(step('step-0720', AT_MS, 640));
    steps.due(AT_MS);

    // Act
    await steps.scheduleStep(step('step-0720', AT_MS + 60_000, 700));

    // Assess
    expect(steps.pending().map((s) => s.detail.targetUnits)).toEqual([700]);
  });

  it('fails the told number of calls with a retryable error, keeps nothing of them, then works', async () => {
    // Prepare
    const steps = new InMemoryStepScheduler();
    steps.failNext('throttling', 2);

    // Act
    const failures = await Promise.allSettled([steps.scheduleStep(step('a', AT_MS)), steps.scheduleStep(step('b', AT_MS))]);
    await steps.scheduleStep(step('c', AT_MS));

    // Assess
    const reasons = failures.map((f) => (f.status === 'rejected' ? f.reason : undefined));
    expect(reasons).toEqual([
      expect.objectContaining({ name: 'StepSchedulerError', code: 'ThrottlingException', retryable: true }),
      expect.objectContaining({ name: 'StepSchedulerError', code: 'ThrottlingException', retryable: true }),
    ]);
    expect(steps.pending().map((s) => s.name)).toEqual(['c']);
  });

  it('forgets steps and injected failures on reset', async () => {
    // Prepare
    const steps = new InMemoryStepScheduler();
    await steps.scheduleStep(step('a', AT_MS));
    steps.failNext('unavailable');

    // Act
    steps.reset();
    await steps.scheduleStep(step('b', AT_MS));

    // Assess
    expect(steps.pending().map((s) => s.name)).toEqual(['b']);
  });
});
