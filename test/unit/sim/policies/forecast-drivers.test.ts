// What drives the forecast scaler in the simulation: the schedule rule's events, the queue's minute datapoints, Lambda's retries.
import { describe, expect, it } from 'vitest';
import { parseForecastTrigger } from '../../../../layers/events/forecast-trigger';
import { InMemoryMetrics } from '../../../../layers/twins/in-memory-metrics';
import { ArrivalsMetric } from '../../../../sim/policies/arrivals-metric';
import { ScheduleRule } from '../../../../sim/policies/schedule-rule';
import { SimLambda } from '../../../../sim/policies/sim-lambda';

const T0 = Date.UTC(2014, 9, 6);
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-qa-requests';

describe('ScheduleRule', () => {
  it('delivers a real-shaped Scheduled Event at each multiple of the rate, every missed tick in order', () => {
    // Prepare
    const rule = new ScheduleRule({ ruleName: 'forecast-scaler-schedule', account: '123456789012', region: 'us-east-1', rateSeconds: 300, fromMs: T0 + 10_000 });
    // Act
    const early = rule.next(T0 + 299_000);
    const ticks = [rule.next(T0 + 600_000), rule.next(T0 + 600_000), rule.next(T0 + 600_000)];
    // Assess
    expect(early).toBeUndefined();
    expect(ticks[0]).toEqual({
      version: '0',
      id: '00000000-0000-4000-8000-000000000001',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2014-10-06T00:05:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/forecast-scaler-schedule'],
      detail: {},
    });
    expect(ticks[1]?.time).toBe('2014-10-06T00:10:00Z');
    expect(ticks[2]).toBeUndefined();
    expect(rule.nextTickMs).toBe(T0 + 900_000);
  });

  it('is read by the forecast scaler as a scheduled run', () => {
    // Prepare
    const rule = new ScheduleRule({ ruleName: 'r', account: '123456789012', region: 'us-east-1', rateSeconds: 300, fromMs: T0 });
    // Act
    const parsed = parseForecastTrigger(rule.next(T0));
    // Assess
    expect(parsed).toMatchObject({ ok: true, trigger: { kind: 'scheduled-run', eventId: '00000000-0000-4000-8000-000000000001', emittedAtMs: T0 } });
  });
});

describe('ArrivalsMetric', () => {
  it('writes a minute once it is over, and the warm-up before the run', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    const sent = new ArrivalsMetric(metrics, QUEUE);
    sent.writeWarmup({ startMs: T0 - 120_000, stepSeconds: 60, arrivals: Float64Array.from([600, 1200]) });
    // Act: five 10-s steps of the first minute, then its last one
    for (let i = 0; i < 5; i += 1) sent.add(T0 + i * 10_000, T0 + (i + 1) * 10_000, 100);
    const beforeEnd = await metrics.arrivalRateQps(QUEUE, T0 + 60_000, 60);
    sent.add(T0 + 50_000, T0 + 60_000, 100);
    const afterEnd = await metrics.arrivalRateQps(QUEUE, T0 + 60_000, 60);
    // Assess
    expect(await metrics.arrivalRateQps(QUEUE, T0, 120)).toBe((600 + 1200) / 120);
    expect(beforeEnd).toBeUndefined();
    expect(afterEnd).toBe(10);
  });
});

describe('SimLambda', () => {
  it('retries a failed invocation 1 and 2 minutes later, then gives the event up', async () => {
    // Prepare
    const calls: number[] = [];
    let nowMs = T0;
    const fn = new SimLambda('forecast-scaler', async () => {
      calls.push(nowMs);
      throw new Error('throttled');
    });
    // Act
    await fn.invoke({ id: 'e-1' }, nowMs);
    for (nowMs = T0; nowMs <= T0 + 300_000; nowMs += 10_000) await fn.retryDue(nowMs);
    // Assess
    expect(calls).toEqual([T0, T0 + 60_000, T0 + 180_000]);
    expect(fn.failed).toEqual([{ id: 'e-1' }]);
    expect([fn.invocations, fn.errors]).toEqual([3, 3]);
  });

  it('does not retry an invocation that succeeded', async () => {
    // Prepare
    const fn = new SimLambda('forecast-scaler', async () => 'ok');
    // Act
    await fn.invoke({}, T0);
    await fn.retryDue(T0 + 600_000);
    // Assess
    expect([fn.invocations, fn.errors, fn.failed.length]).toEqual([1, 0, 0]);
  });
});
