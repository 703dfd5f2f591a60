// GPU alarm thresholds: the tiers' defaults are valid alarms, a fleet's block overrides them, problems name the field.
import { describe, expect, it } from 'vitest';
import {
  defaultGpuAlarmThresholds,
  gpuAlarmThresholdsOf,
  gpuAlarmThresholdsProblems,
  type GpuAlarmThresholds,
} from '../../../../layers/core/gpu-alarm/alarm-thresholds';
import type { Tier } from '../../../../layers/core/fleet';

const TIERS: readonly Tier[] = ['critical', 'standard', 'batch'];
const windowSeconds = (t: GpuAlarmThresholds): number => t.periodSeconds * t.evaluationPeriods;

describe('defaultGpuAlarmThresholds', () => {
  it.each(TIERS)('gives the %s tier thresholds CloudWatch accepts', (tier) => {
    // Act
    const problems = gpuAlarmThresholdsProblems(defaultGpuAlarmThresholds(tier));

    // Assess
    expect(problems).toEqual([]);
  });

  it('alarms on a critical fleet sooner and with more headroom than on a standard one', () => {
    // Act
    const [critical, standard] = [defaultGpuAlarmThresholds('critical'), defaultGpuAlarmThresholds('standard')];

    // Assess
    expect(windowSeconds(critical)).toBeLessThan(windowSeconds(standard));
    expect(critical.highUtilizationPercent).toBeLessThan(standard.highUtilizationPercent);
  });

  it('returns a fresh copy that callers may change', () => {
    // Prepare
    const first = defaultGpuAlarmThresholds('batch');

    // Act
    first.lowUtilizationPercent = 1;

    // Assess
    expect(defaultGpuAlarmThresholds('batch').lowUtilizationPercent).not.toBe(1);
  });
});

describe('gpuAlarmThresholdsOf', () => {
  it("fills what the fleet leaves out with its tier's defaults", () => {
    // Act
    const thresholds = gpuAlarmThresholdsOf({ tier: 'standard', gpuAlarms: { highMemoryPercent: 80 } });

    // Assess
    expect(thresholds).toEqual({ ...defaultGpuAlarmThresholds('standard'), highMemoryPercent: 80 });
  });
});

describe('gpuAlarmThresholdsProblems', () => {
  const base = defaultGpuAlarmThresholds('standard');

  it.each<[string, Partial<GpuAlarmThresholds>, keyof GpuAlarmThresholds]>([
    ['low equal to high', { lowUtilizationPercent: 50, highUtilizationPercent: 50 }, 'lowUtilizationPercent'],
    ['M above N', { datapointsToAlarm: 6, evaluationPeriods: 5 }, 'datapointsToAlarm'],
    ['a minute period over more than a day', { periodSeconds: 60, evaluationPeriods: 1441, datapointsToAlarm: 1 }, 'evaluationPeriods'],
    ['an hourly period over more than seven days', { periodSeconds: 3600, evaluationPeriods: 169, datapointsToAlarm: 1 }, 'evaluationPeriods'],
  ])('names the field for %s', (_label, change, field) => {
    // Act
    const problems = gpuAlarmThresholdsProblems({ ...base, ...change });

    // Assess
    expect(problems.map((p) => p.field)).toEqual([field]);
  });

  it('accepts seven days of hourly periods, the longest window CloudWatch evaluates', () => {
    // Act
    const problems = gpuAlarmThresholdsProblems({ ...base, periodSeconds: 3600, evaluationPeriods: 168, datapointsToAlarm: 1 });

    // Assess
    expect(problems).toEqual([]);
  });
});
