// infra/gpu-alarms.cjs thresholds: the fleets file's gpuAlarms block over the tier's defaults, refused as the schema refuses it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultGpuAlarmThresholds, type GpuAlarmThresholds } from '../../../layers/core/gpu-alarm/alarm-thresholds';
import { FleetEntrySchema } from '../../../layers/platform/fleets-schema';
import { alarmsOf, byKind, entry, expectValidMetricsAlarm, type AlarmResource } from '../../helpers/gpu-alarm-resources';

describe('gpuAlarmResources thresholds', () => {
  it("takes the fleet's gpuAlarms block over its tier's defaults", () => {
    // Prepare
    const gpuAlarms = { lowUtilizationPercent: 12.5, periodSeconds: 120, evaluationPeriods: 15, datapointsToAlarm: 12 };

    // Act
    const kind = byKind(alarmsOf(entry({ tier: 'standard', gpuAlarms })));

    // Assess
    expect(kind('gpu-low').Properties).toMatchObject({ Threshold: 12.5, EvaluationPeriods: 15, DatapointsToAlarm: 12 });
    expect(kind('gpu-low').Properties.Metrics[0]?.MetricStat?.Period).toBe(120);
    expect(kind('gpu-high').Properties.Threshold).toBe(defaultGpuAlarmThresholds('standard').highUtilizationPercent);
  });

  it.each([
    ['an unknown field', { lowUtilization: 10 }, 'gpuAlarms.lowUtilization'],
    ['a percent of 100', { highMemoryPercent: 100 }, 'gpuAlarms.highMemoryPercent'],
    ['a period that is not whole minutes', { periodSeconds: 90 }, 'gpuAlarms.periodSeconds'],
    ['low above the tier high', { lowUtilizationPercent: 80 }, 'gpuAlarms.lowUtilizationPercent'],
    ['M above N', { evaluationPeriods: 2 }, 'gpuAlarms.datapointsToAlarm'],
    ['more than a day of minute periods', { evaluationPeriods: 1441 }, 'gpuAlarms.evaluationPeriods'],
  ])('refuses %s, naming the field', (_label, gpuAlarms, field) => {
    // Act
    const build = () => alarmsOf(entry({ gpuAlarms }));

    // Assess
    expect(build).toThrow(`fleets[0].${field}`);
  });

  it('accepts exactly the gpuAlarms blocks the fleets schema accepts, with the same thresholds (property)', () => {
    const field = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const blockArb = fc.record(
      {
        lowUtilizationPercent: field(fc.oneof(fc.double({ min: -5, max: 105, noNaN: true }), fc.integer({ min: 0, max: 100 }))),
        highUtilizationPercent: field(fc.integer({ min: 0, max: 100 })),
        highMemoryPercent: field(fc.double({ min: 0, max: 100, noNaN: true })),
        periodSeconds: field(fc.oneof(fc.constantFrom(30, 60, 90, 300, 3600, 86_400), fc.integer({ min: 0, max: 90_000 }))),
        evaluationPeriods: field(fc.integer({ min: 0, max: 1500 })),
        datapointsToAlarm: field(fc.integer({ min: 0, max: 30 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom('critical', 'standard', 'batch'), blockArb, (tier, raw) => {
        // Prepare
        const gpuAlarms = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
        const fleet = entry({ tier, gpuAlarms });

        // Act
        const schema = FleetEntrySchema.safeParse(fleet);
        let alarms: AlarmResource[] | undefined;
        try {
          alarms = alarmsOf(fleet);
        } catch {
          alarms = undefined;
        }

        // Assess
        expect(alarms !== undefined).toBe(schema.success);
        if (alarms === undefined || !schema.success) return;
        const t: GpuAlarmThresholds = { ...defaultGpuAlarmThresholds(schema.data.tier), ...schema.data.gpuAlarms };
        const kind = byKind(alarms);
        expect(kind('gpu-low').Properties.Threshold).toBe(t.lowUtilizationPercent);
        expect(kind('gpu-high').Properties.Threshold).toBe(t.highUtilizationPercent);
        expect(kind('gpu-memory-high').Properties).toMatchObject({ Threshold: t.highMemoryPercent, EvaluationPeriods: t.evaluationPeriods, DatapointsToAlarm: t.datapointsToAlarm });
        alarms.forEach(expectValidMetricsAlarm);
      }),
      { numRuns: 1_000 },
    );
  });
});

