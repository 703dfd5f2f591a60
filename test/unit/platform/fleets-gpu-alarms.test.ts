// The fleets file's `gpuAlarms` block: optional, strict, ranged, checked against the tier's defaults once merged.
import { describe, expect, it } from 'vitest';
import { defaultGpuAlarmThresholds, gpuAlarmThresholdsOf } from '../../../layers/core/gpu-alarm/alarm-thresholds';
import { FleetsFileError } from '../../../layers/platform/fleets-file';
import { parseFleetYaml, VALID_FLEETS_YAML as FLEET, withBlock } from '../../helpers/fleets-yaml';


const withGpuAlarms = (...lines: string[]): string => withBlock('gpuAlarms', ...lines);
const parse = parseFleetYaml;
const problemOf = (text: string): string => {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof FleetsFileError) return error.message;
    throw error;
  }
  throw new Error('expected the fleets file to be refused');
};

describe('fleets file gpuAlarms block', () => {
  it("is optional: a fleet without one alarms on its tier's defaults", () => {
    // Act
    const fleet = parse(FLEET);

    // Assess
    expect(fleet).not.toHaveProperty('gpuAlarms');
    expect(gpuAlarmThresholdsOf(fleet)).toEqual(defaultGpuAlarmThresholds('critical'));
  });

  it('keeps only the fields given, so the tier defaults fill the rest', () => {
    // Act
    const fleet = parse(withGpuAlarms('lowUtilizationPercent: 10', 'evaluationPeriods: 15', 'datapointsToAlarm: 12'));

    // Assess
    expect(fleet.gpuAlarms).toEqual({ lowUtilizationPercent: 10, evaluationPeriods: 15, datapointsToAlarm: 12 });
    expect(gpuAlarmThresholdsOf(fleet)).toEqual({ ...defaultGpuAlarmThresholds('critical'), lowUtilizationPercent: 10, evaluationPeriods: 15, datapointsToAlarm: 12 });
  });

  it.each([
    ['an unknown field', ['lowUtilisationPercent: 10'], 'fleets[0].gpuAlarms'],
    ['a percent of 0', ['highMemoryPercent: 0'], 'fleets[0].gpuAlarms.highMemoryPercent'],
    ['a 30-second period', ['periodSeconds: 30'], 'fleets[0].gpuAlarms.periodSeconds'],
    ['a fractional period count', ['evaluationPeriods: 2.5'], 'fleets[0].gpuAlarms.evaluationPeriods'],
    ['a low threshold above the tier default high', ['lowUtilizationPercent: 90'], 'fleets[0].gpuAlarms.lowUtilizationPercent'],
    ['fewer periods than the tier default M', ['evaluationPeriods: 2'], 'fleets[0].gpuAlarms.datapointsToAlarm'],
  ])('refuses %s, naming the field', (_label, lines, path) => {
    // Act
    const message = problemOf(withGpuAlarms(...lines));

    // Assess
    expect(message).toContain(`${path}`);
  });
});
