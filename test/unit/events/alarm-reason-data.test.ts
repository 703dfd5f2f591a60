// reasonData is read leniently: figures when the JSON carries them as finite numbers, nothing otherwise, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReasonData } from '../../../layers/events/alarm-reason-data';
import { alarmFixture } from '../../fixtures/events/cloudwatch-alarm-factories';

describe('readReasonData', () => {
  it('reads the documented single-metric reasonData', () => {
    // Prepare
    const reasonData = alarmFixture('state-change').detail.state.reasonData as string;

    // Act
    const figures = readReasonData(reasonData);

    // Assess
    expect(figures).toEqual({ value: 99.50160229693434, threshold: 50 });
  });

  it("reads nothing from a composite alarm's triggeringAlarms", () => {
    // Prepare
    const reasonData = alarmFixture('composite').detail.state.reasonData as string;

    // Act
    const figures = readReasonData(reasonData);

    // Assess
    expect(figures).toEqual({});
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['truncated', '{"recentDatapoints":[1.0'],
    ['a number', '42'],
    ['huge', `{"threshold":1,"pad":"${'x'.repeat(70_000)}"}`],
  ])('reads nothing when reasonData is %s', (_label, text) => {
    // Act
    const figures = readReasonData(text);

    // Assess
    expect(figures).toEqual({});
  });

  it('never throws and returns only finite numbers (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.constant(undefined)), (text) => {
        // Act
        const figures = readReasonData(text);

        // Assess
        for (const value of Object.values(figures)) expect(Number.isFinite(value)).toBe(true);
      }),
    );
  });
});
