/** Behaviour of the EventBridge Scheduler twin beyond the contract: firing, deletion after firing, failures, reset. */
import { describe, expect, it } from 'vitest';
import type { FollowUpRequest } from '../../../layers/ports/scheduler-port';
import { InMemoryScheduler } from '../../../layers/twins/in-memory-scheduler';

const AT_MS = Date.UTC(2026, 2, 1, 12, 5, 0);
const request = (name: string, atMs: number): FollowUpRequest => ({ name, atMs, detail: { instanceId: name, incidentId: `spot-${name}`, purpose: 'drain-after-replacement' } });

describe('InMemoryScheduler', () => {
  it('hands out only the follow-ups that are due, earliest first, and removes them', async () => {
    // Prepare
    const scheduler = new InMemoryScheduler();
    await scheduler.scheduleOnce(request('i-late', AT_MS + 60_000));
    await scheduler.scheduleOnce(request('i-second', AT_MS));
    await scheduler.scheduleOnce(request('i-first', AT_MS - 1));

    // Act
    const due = scheduler.due(AT_MS);

    // Assess
    expect(due.map((f) => f.name)).toEqual(['i-first', 'i-second']);
    expect(scheduler.pending().map((f) => f.name)).toEqual(['i-late']);
    expect(scheduler.due(AT_MS)).toEqual([]);
  });

  it('takes a name again once its schedule has fired, as a deleted schedule frees it', async () => {
    // Prepare
    const scheduler = new InMemoryScheduler();
    await scheduler.scheduleOnce(request('i-0aaa', AT_MS));
    scheduler.due(AT_MS);

    // Act
    await scheduler.scheduleOnce(request('i-0aaa', AT_MS + 60_000));

    // Assess
    expect(scheduler.pending()).toEqual([expect.objectContaining({ name: 'i-0aaa', atMs: AT_MS + 60_000 })]);
  });

  it('fails as told, schedules nothing then, and works on the next call', async () => {
    // Prepare
    const scheduler = new InMemoryScheduler();
    scheduler.failNext('unavailable');

    // Act
    const failed = scheduler.scheduleOnce(request('i-0aaa', AT_MS));

    // Assess
    await expect(failed).rejects.toMatchObject({ name: 'SchedulerError', code: 'InternalServerException', retryable: true });
    expect(scheduler.pending()).toEqual([]);
    await scheduler.scheduleOnce(request('i-0aaa', AT_MS));
    expect(scheduler.pending()).toHaveLength(1);
  });

  it('forgets schedules and pending failures on reset', async () => {
    // Prepare
    const scheduler = new InMemoryScheduler();
    await scheduler.scheduleOnce(request('i-0aaa', AT_MS));
    scheduler.failNext('throttling', 2);

    // Act
    scheduler.reset();

    // Assess
    expect(scheduler.pending()).toEqual([]);
    await expect(scheduler.scheduleOnce(request('i-0bbb', AT_MS))).resolves.toBeUndefined();
  });
});
