// Drift: past predictions scored against the history that later arrived, as a ratio to seasonal-naive's error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driftRatio, predictionToKeep, scorePredictions } from '../../../../layers/core/forecast/forecast-drift';
import type { PendingPrediction, ScoredPrediction } from '../../../../layers/core/forecast/forecast-state';
import type { DemandSeries } from '../../../../layers/core/forecast/forecast-types';
import { aForecast, STEP_MS, STEP_SECONDS } from '../../../helpers/capacity-plan-factories';
import { T0_MS } from '../../../helpers/spot-factories';

const DAY_MS = 86_400_000;
const STEPS_PER_DAY = DAY_MS / STEP_MS;

/** `values` ending at `endMs` (exclusive), 5-minute steps. */
const historyEndingAt = (endMs: number, values: (number | undefined)[]): DemandSeries => ({
  startMs: endMs - values.length * STEP_MS,
  stepSeconds: STEP_SECONDS,
  values,
});

const scored = (modelError: number, naiveError: number, atMs = T0_MS): ScoredPrediction => ({ atMs, modelError, naiveError });

describe('scorePredictions', () => {
  it('scores the predictions the history now covers, and keeps the later ones pending', () => {
    // Prepare: history of 4 steps ending at T0; one prediction inside it, one at T0 (not yet seen)
    const history = historyEndingAt(T0_MS, [100, 200, 300, 400]);
    const inside: PendingPrediction = { atMs: T0_MS - 2 * STEP_MS, point: 250, naive: 330 };
    const later: PendingPrediction = { atMs: T0_MS, point: 500, naive: 450 };

    // Act
    const result = scorePredictions({ pending: [inside, later], scored: [] }, history);

    // Assess
    expect(result.scored).toEqual([{ atMs: inside.atMs, modelError: 50, naiveError: 30 }]);
    expect(result.pending).toEqual([later]);
  });

  it('drops a prediction whose step has no datapoint, and one older than the history', () => {
    // Prepare
    const history = historyEndingAt(T0_MS, [100, undefined, 300]);
    const gap: PendingPrediction = { atMs: T0_MS - 2 * STEP_MS, point: 1, naive: 1 };
    const tooOld: PendingPrediction = { atMs: T0_MS - 10 * STEP_MS, point: 1, naive: 1 };

    // Act
    const result = scorePredictions({ pending: [gap, tooOld], scored: [scored(1, 2)] }, history);

    // Assess
    expect(result).toEqual({ pending: [], scored: [scored(1, 2)] });
  });

  it('drops a prediction that is off the history\'s step grid rather than scoring it against a neighbour', () => {
    // Prepare
    const history = historyEndingAt(T0_MS, [100, 200]);

    // Act
    const result = scorePredictions({ pending: [{ atMs: T0_MS - STEP_MS + 60_000, point: 1, naive: 1 }], scored: [] }, history);

    // Assess
    expect(result.scored).toEqual([]);
  });

  it('keeps at most a day of 5-minute scores, the newest', () => {
    // Prepare: 300 stored scores and one more covered by the history
    const old = Array.from({ length: 300 }, (_, i) => scored(i, 1, T0_MS - (400 - i) * STEP_MS));
    const history = historyEndingAt(T0_MS, [10]);

    // Act
    const result = scorePredictions({ pending: [{ atMs: T0_MS - STEP_MS, point: 15, naive: 8 }], scored: old }, history);

    // Assess
    expect(result.scored).toHaveLength(288);
    expect(result.scored.at(-1)).toEqual({ atMs: T0_MS - STEP_MS, modelError: 5, naiveError: 2 });
    expect(result.scored[0]).toEqual(old[13]);
  });

  it('loses no prediction and invents none (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat({ max: 10_000 }), { nil: undefined }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.record({ offset: fc.integer({ min: -60, max: 10 }), point: fc.nat({ max: 10_000 }), naive: fc.nat({ max: 10_000 }) }), { maxLength: 30 }),
        (values, raw) => {
          // Prepare
          const history = historyEndingAt(T0_MS, values);
          const pending = raw.map((p) => ({ atMs: T0_MS + p.offset * STEP_MS, point: p.point, naive: p.naive }));

          // Act
          const result = scorePredictions({ pending, scored: [] }, history);

          // Assess: pending = not yet covered; scored = covered with a datapoint; every error non-negative
          expect(result.pending).toEqual(pending.filter((p) => p.atMs >= T0_MS));
          const covered = pending.filter((p) => {
            const i = (p.atMs - history.startMs) / STEP_MS;
            return i >= 0 && p.atMs < T0_MS && values[i] !== undefined;
          });
          expect(result.scored.map((s) => s.atMs)).toEqual(covered.map((p) => p.atMs));
          result.scored.forEach((s) => expect(s.modelError >= 0 && s.naiveError >= 0).toBe(true));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('driftRatio', () => {
  it('is the model\'s error over seasonal-naive\'s across the last window of scores', () => {
    // Prepare: an old score that must not count, then 3 with model 30 vs naive 20
    const scores = [scored(1000, 1), scored(10, 5), scored(15, 10), scored(5, 5)];

    // Act
    const ratio = driftRatio(scores, 3);

    // Assess
    expect(ratio).toBeCloseTo(30 / 20, 12);
  });

  it('says nothing until the window is full', () => {
    expect(driftRatio([scored(10, 1), scored(10, 1)], 3)).toBeUndefined();
  });

  it('says nothing when seasonal-naive was exact on the whole window (nothing to scale by)', () => {
    expect(driftRatio([scored(10, 0), scored(10, 0)], 2)).toBeUndefined();
  });

  it('says nothing for a window of zero', () => {
    expect(driftRatio([scored(10, 1)], 0)).toBeUndefined();
  });
});

describe('predictionToKeep', () => {
  /** A day of history ending at T0 whose value at step i is i (so a day earlier is easy to read). */
  const dayOfHistory = (): DemandSeries => historyEndingAt(T0_MS, Array.from({ length: STEPS_PER_DAY }, (_, i) => i));

  it('keeps the forecast an hour out and the value of the same step a day earlier', () => {
    // Prepare: forecast from T0 in QPS 1..72
    const forecast = aForecast(Array.from({ length: 72 }, (_, i) => i + 1));

    // Act
    const kept = predictionToKeep(forecast, dayOfHistory(), 12);

    // Assess: step 11 of the forecast (T0 + 55 min); the history step a day before is index 11
    expect(kept).toEqual({ atMs: T0_MS + 11 * STEP_MS, point: 12 * STEP_SECONDS, naive: 11 });
  });

  it('keeps the last step of a forecast shorter than the hour', () => {
    // Act
    const kept = predictionToKeep(aForecast([1, 2, 3]), dayOfHistory(), 12);

    // Assess
    expect(kept).toEqual({ atMs: T0_MS + 2 * STEP_MS, point: 3 * STEP_SECONDS, naive: 2 });
  });

  it('keeps nothing without a forecast', () => {
    expect(predictionToKeep(aForecast([]), dayOfHistory(), 12)).toBeUndefined();
  });

  it('keeps nothing when the history has no value a day before (too short, or a gap)', () => {
    // Prepare
    const short = historyEndingAt(T0_MS, [1, 2, 3]);
    const gappy = dayOfHistory();
    const values = [...gappy.values];
    values[11] = undefined;

    // Act
    const fromShort = predictionToKeep(aForecast([1, 2, 3]), short, 1);
    const fromGap = predictionToKeep(aForecast(Array.from({ length: 72 }, () => 1)), { ...gappy, values }, 12);

    // Assess
    expect(fromShort).toBeUndefined();
    expect(fromGap).toBeUndefined();
  });
});
