// SeriesRecorder: one point per `stepsPerPoint` steps, rates and averages over the point, the partial tail dropped.
import { describe, expect, it } from 'vitest';
import { SeriesRecorder } from '../../../../sim/engine/series-recorder';

const aStep = (n: number, overrides: Partial<Parameters<SeriesRecorder['add']>[0]> = {}) => ({
  nowMs: n * 10_000,
  arrivals: 100,
  servingUnits: 20,
  bootingUnits: 0,
  served: 100,
  withinSlo: 100,
  costUsd: n,
  backlog: 0,
  ...overrides,
});

describe('SeriesRecorder', () => {
  it('averages each group of steps into one point stamped with its last step', () => {
    // Prepare: 3 steps of 10 s per point
    const recorder = new SeriesRecorder(3, 10);
    // Act
    recorder.add(aStep(0, { arrivals: 30, servingUnits: 10, bootingUnits: 6, served: 30, withinSlo: 30, backlog: 5 }));
    recorder.add(aStep(1, { arrivals: 60, servingUnits: 20, bootingUnits: 0, served: 40, withinSlo: 20, backlog: 25 }));
    recorder.add(aStep(2, { arrivals: 90, servingUnits: 30, bootingUnits: 0, served: 30, withinSlo: 30, backlog: 7, costUsd: 4.5 }));
    // Assess
    expect(recorder.series).toEqual({
      tMs: [20_000],
      demandQps: [180 / 30],
      capacityQps: [20],
      bootingQps: [2],
      costUsdCumulative: [4.5],
      sloAttainment: [80 / 100],
      backlog: [7],
    });
  });

  it('drops the steps of an unfinished last point, so a run yields floor(steps / stepsPerPoint) points', () => {
    // Prepare
    const recorder = new SeriesRecorder(30, 10);
    // Act: 95 steps
    for (let n = 0; n < 95; n += 1) recorder.add(aStep(n));
    // Assess
    expect(recorder.series.tMs).toEqual([290_000, 590_000, 890_000]);
    expect(Object.values(recorder.series).every((values) => values.length === 3)).toBe(true);
  });

  it('reports an interval that served nothing as meeting the SLO, and starts each point afresh', () => {
    // Prepare
    const recorder = new SeriesRecorder(2, 10);
    // Act
    recorder.add(aStep(0, { served: 10, withinSlo: 0 }));
    recorder.add(aStep(1, { served: 10, withinSlo: 0 }));
    recorder.add(aStep(2, { arrivals: 0, served: 0, withinSlo: 0 }));
    recorder.add(aStep(3, { arrivals: 0, served: 0, withinSlo: 0 }));
    // Assess
    expect(recorder.series.sloAttainment).toEqual([0, 1]);
    expect(recorder.series.demandQps).toEqual([10, 0]);
  });

  it('keeps every step when a point is one step', () => {
    const recorder = new SeriesRecorder(1, 10);
    for (let n = 0; n < 4; n += 1) recorder.add(aStep(n, { arrivals: n * 10 }));
    expect(recorder.series.demandQps).toEqual([0, 1, 2, 3]);
  });
});
