/** What PutMetricData accepts of one datum: every limit, at and past its edge. */
import { describe, expect, it } from 'vitest';
import { metricDatumProblem, type DatumToPublish } from '../../../layers/core/metric-datum-limits';

const NOW_MS = Date.UTC(2026, 2, 2, 7, 15);
const datum = (overrides: Partial<DatumToPublish> = {}): DatumToPublish => ({ name: 'ForecastDemand', dimensions: { Fleet: 'bert-large' }, timestampMs: NOW_MS, value: 1, ...overrides });

describe('metricDatumProblem', () => {
  it('accepts a datum at every edge of the limits', () => {
    // Prepare
    const edges = [
      datum({ name: 'n'.repeat(255) }),
      datum({ dimensions: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${'d'.repeat(250)}${i}`, 'v'.repeat(1_024)])) }),
      datum({ value: 2 ** 360 }),
      datum({ value: -(2 ** 360) }),
      datum({ timestampMs: NOW_MS - 14 * 86_400_000 }),
      datum({ timestampMs: NOW_MS + 2 * 3_600_000 }),
    ];

    // Act + Assess
    expect(edges.map((d) => metricDatumProblem(d, NOW_MS))).toEqual(edges.map(() => undefined));
  });

  it.each([
    ['an empty name', datum({ name: '' }), 'metric name of 0 characters (1-255)'],
    ['a name of 256 characters', datum({ name: 'n'.repeat(256) }), 'metric name of 256 characters (1-255)'],
    ['an empty dimension value', datum({ dimensions: { Fleet: '' } }), 'dimension Fleet: names have 1-255 characters, values 1-1024'],
    ['a dimension value of 1025 characters', datum({ dimensions: { Fleet: 'v'.repeat(1_025) } }), 'dimension Fleet: names have 1-255 characters, values 1-1024'],
    ['a value past 2^360', datum({ value: 2 ** 361 }), `value ${2 ** 361} is not a finite number within ±2^360`],
    ['a timestamp that is no time', datum({ timestampMs: Number.NaN }), 'timestamp NaN is not a time'],
    ['a timestamp 14 days and 1 ms old', datum({ timestampMs: NOW_MS - 14 * 86_400_000 - 1 }), 'timestamp 2026-02-16T07:14:59.999Z is more than 14 days before now'],
  ])('refuses %s', (_, bad, problem) => {
    // Act + Assess
    expect(metricDatumProblem(bad, NOW_MS)).toBe(problem);
  });
});
