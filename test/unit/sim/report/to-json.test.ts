import { describe, expect, it } from 'vitest';
import type { SimulationReport } from '../../../../sim/model/report';
import { toJson } from '../../../../sim/report/to-json';
import { aSimulationReport } from '../../../helpers/sim-report-fixture';

/** Every number of `value` as "close to" itself (within 0.05), for comparing with a rounded copy. */
const approximately = (value: unknown): unknown => {
  if (typeof value === 'number') return expect.closeTo(value, 1);
  if (Array.isArray(value)) return value.map(approximately);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, approximately(v)]));
  return value;
};

/** The same object with its keys inserted in reverse order, at every level. */
const reversedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
};

const firstPolicy = (report: SimulationReport) => {
  const p = report.policies[0];
  if (!p) throw new Error('the fixture has policies');
  return p;
};

describe('toJson', () => {
  it('round-trips the report, series included, up to rounding', () => {
    // Prepare
    const report = aSimulationReport();

    // Act
    const parsed = JSON.parse(toJson(report)) as SimulationReport;

    // Assess
    expect(parsed).toEqual(approximately(report));
    expect(firstPolicy(parsed).series.tMs).toHaveLength(288);
    expect(firstPolicy(parsed).events).toEqual(firstPolicy(report).events);
  });

  it('is a fixed point: the JSON of the parsed JSON is the same text', () => {
    // Prepare
    const once = toJson(aSimulationReport({ lost: { reactive: 3 } }));

    // Act
    const twice = toJson(JSON.parse(once) as SimulationReport);

    // Assess
    expect(twice).toBe(once);
  });

  it('rounds money to cents, $ per 1k requests and shares to 4 decimals, times to whole ms', () => {
    // Prepare
    const report = aSimulationReport({ points: 3 });
    const p = firstPolicy(report);
    Object.assign(p, { totalUsd: 1234.5678, usdPer1kRequests: 0.0123456, ratioToOracle: 1.234567, sloAttainment: 0.99951234, p99QueueWaitSeconds: 0.0123456 });
    p.series.costUsdCumulative = [0.126, 1.2345, 99.999];
    p.series.sloAttainment = [1, 0.987654321, 0.5];
    p.series.tMs = [1.4, 2.6, 3];
    report.oracle.instanceHours = [{ instanceType: 'g5.xlarge', market: 'spot', hours: 12.34567, usd: 5.555 }];

    // Act
    const parsed = JSON.parse(toJson(report)) as SimulationReport;

    // Assess
    const q = firstPolicy(parsed);
    expect({ ...q, series: undefined, events: undefined, instanceHours: undefined, requests: undefined }).toMatchObject({
      totalUsd: 1234.57,
      usdPer1kRequests: 0.0123,
      ratioToOracle: 1.2346,
      sloAttainment: 0.9995,
      p99QueueWaitSeconds: 0.012,
    });
    expect(q.series.costUsdCumulative).toEqual([0.13, 1.23, 100]);
    expect(q.series.sloAttainment).toEqual([1, 0.9877, 0.5]);
    expect(q.series.tMs).toEqual([1, 3, 3]);
    expect(parsed.oracle.instanceHours[0]).toEqual({ instanceType: 'g5.xlarge', market: 'spot', hours: 12.346, usd: 5.56 });
  });

  it('writes keys in sorted order whatever order the report was built in', () => {
    // Prepare
    const report = aSimulationReport({ points: 12 });

    // Act
    const straight = toJson(report);
    const reversed = toJson(reversedKeys(report) as SimulationReport);

    // Assess
    expect(reversed).toBe(straight);
    const topKeys = [...straight.matchAll(/^ {2}"(\w+)":/gm)].map((m) => m[1]);
    expect(topKeys).toEqual(['oracle', 'policies', 'priceSources', 'scenario']);
  });

  it('writes a non-finite figure as null, since JSON has no NaN', () => {
    // Prepare
    const report = aSimulationReport({ points: 3 });
    firstPolicy(report).series.sloAttainment = [1, Number.NaN, 1];

    // Act
    const parsed = JSON.parse(toJson(report)) as { policies: { series: { sloAttainment: (number | null)[] } }[] };

    // Assess
    expect(parsed.policies[0]?.series.sloAttainment).toEqual([1, null, 1]);
  });

  it('keeps each series on one line, so a 30-day report stays a readable number of lines', () => {
    // Prepare
    const report = aSimulationReport({ points: 2_000 });

    // Act
    const lines = toJson(report).split('\n');

    // Assess
    const demandLines = lines.filter((l) => l.trimStart().startsWith('"demandQps": ['));
    expect(demandLines).toHaveLength(3);
    for (const line of demandLines) expect((JSON.parse(line.trim().replace(/^"demandQps": /, '').replace(/,$/, '')) as number[]).length).toBe(2_000);
    expect(lines.length).toBeLessThan(2_000);
  });
});
