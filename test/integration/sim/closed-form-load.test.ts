// Closed-form cases of the engine under load: constant demand on a static fleet, and a step up under target tracking.
import { describe, expect, it } from 'vitest';
import { staticPolicy } from '../../../sim/policies/static-policy';
import { targetTrackingPolicy } from '../../../sim/policies/target-tracking-policy';
import {
  constantPriceBook, expectConserved, hoursOfSteps, LEAD_SECONDS, runOne, STEP_MS, STEP_SECONDS, stepAt, T0, traceOf, UNITS,
} from './sim-fixtures';

describe('closed form: constant load on a static fleet', () => {
  it.each([
    { market: 'on-demand' as const, usdPerHour: 2.5, qps: 250, hours: 3 },
    { market: 'spot' as const, usdPerHour: 0.7, qps: 100, hours: 2 },
  ])('costs N x p x H and serves everything within the SLO ($market, $qps QPS, $hours h)', async ({ market, usdPerHour, qps, hours }) => {
    // Prepare: N = ceil(qps / 100) instances at usdPerHour
    const n = Math.ceil(qps / UNITS);
    const trace = traceOf(hoursOfSteps(hours), () => qps);
    // Act
    const result = await runOne(staticPolicy({ instanceType: 'g5.xlarge', market }), trace, { prices: constantPriceBook(usdPerHour, usdPerHour), seriesStepSeconds: 600 });
    // Assess
    expect(result.totalUsd).toBeCloseTo(n * usdPerHour * hours, 9);
    expect(result.instanceHours).toEqual([{ instanceType: 'g5.xlarge', market, hours: expect.closeTo(n * hours, 9), usd: expect.closeTo(n * usdPerHour * hours, 9) }]);
    expect(result.requests).toEqual({ arrived: expect.closeTo(qps * hours * 3600, 6), served: expect.closeTo(qps * hours * 3600, 6), queuedAtEnd: 0, lost: 0 });
    expect(result.sloAttainment).toBe(1);
    expect(result.p99QueueWaitSeconds).toBe(0);
    expect({ interruptions: result.interruptions, actions: result.actions, events: result.events }).toEqual({ interruptions: 0, actions: 0, events: [] });
    expect(new Set(result.series.capacityQps)).toEqual(new Set([n * UNITS]));
    expect(result.series.costUsdCumulative.at(-1)).toBeCloseTo(n * usdPerHour * hours, 9);
    expect(result.usdPer1kRequests).toBeCloseTo((n * usdPerHour * hours * 1000) / (qps * hours * 3600), 12);
  });
});

describe('closed form: a step up in demand under target tracking', () => {
  // 50 QPS for an hour on one instance (utilization 50%), then 110 QPS: the backlog grows at 10 QPS until a
  // second instance serves, then drains at 200 - 110 = 90 QPS.
  const STEP_UP = stepAt(T0 + 3_600_000);
  const run = () =>
    runOne(targetTrackingPolicy({ name: 'reactive', instanceTypes: ['g5.xlarge'] }), traceOf(hoursOfSteps(2), (s) => (s < STEP_UP ? 50 : 110)));

  it('launches on the high alarm and serves exactly the lead time after the scale-out', async () => {
    // Act
    const { events, series } = await run();
    // Assess: 3 one-minute datapoints above 60% are needed, so the scale-out comes within 4 minutes
    const first = events.find((e) => e.kind === 'scale');
    expect(first?.detail).toBe('target 100 -> 200 units');
    const scaleAt = stepAt(first?.tMs ?? 0);
    const servingAt = stepAt((first?.tMs ?? 0) + LEAD_SECONDS * 1000);
    expect(scaleAt).toBeGreaterThan(STEP_UP + 120 / STEP_SECONDS);
    expect(scaleAt).toBeLessThanOrEqual(STEP_UP + 240 / STEP_SECONDS);
    expect(series.bootingQps[scaleAt - 1]).toBe(0);
    expect(series.bootingQps.slice(scaleAt, servingAt)).toEqual(Array(servingAt - scaleAt).fill(UNITS));
    expect(series.capacityQps.slice(0, servingAt)).toEqual(Array(servingAt).fill(UNITS));
    expect(series.capacityQps[servingAt]).toBe(2 * UNITS);
  });

  it('misses the SLO only from the step until the backlog built over the lead time has drained', async () => {
    // Act
    const result = await run();
    const { series, events } = result;
    // Assess
    const servingAt = stepAt((events.find((e) => e.kind === 'scale')?.tMs ?? 0) + LEAD_SECONDS * 1000);
    const backlogAtServing = series.backlog[servingAt - 1] ?? 0;
    // Each step brings 1,100 requests and serves 2,000 from then on.
    const drainedAt = servingAt + Math.ceil(backlogAtServing / (2000 - 1100)) - 1;
    expect(backlogAtServing).toBeCloseTo(10 * STEP_SECONDS * (servingAt - STEP_UP), 6);
    expect(series.backlog[drainedAt]).toBeCloseTo(0, 9);
    expect(series.backlog[drainedAt - 1]).toBeGreaterThan(0);
    const missed = series.sloAttainment.flatMap((a, i) => (a < 1 ? [i] : []));
    expect(missed[0]).toBe(STEP_UP + 1);
    expect(missed.at(-1)).toBeLessThanOrEqual(drainedAt);
    expect(series.backlog.slice(drainedAt).every((b) => b < 1e-9)).toBe(true);
    expect(result.sloAttainment).toBeLessThan(1);
    expect(result.requests.queuedAtEnd).toBeCloseTo(0, 9);
    expect(result.requests.lost).toBe(0);
    expectConserved(result);
  });

  it('costs one instance for the run plus each added instance from its launch', async () => {
    // Act
    const result = await run();
    // Assess: instance-hours from the series of live (serving + booting) units, at $1/h
    const instanceSteps = result.series.capacityQps.reduce((sum, c, i) => sum + (c + (result.series.bootingQps[i] ?? 0)) / UNITS, 0);
    expect(result.totalUsd).toBeCloseTo((instanceSteps * STEP_MS) / 3_600_000, 9);
    expect(result.totalUsd).toBeGreaterThan(2);
  });
});
