/** Rebalance settings: per-tier defaults, overrides on top, and the interruption windows the caller counts over. */
import { describe, expect, it } from 'vitest';
import { defaultRebalanceSettings, interruptionWindowsOf, rebalanceSettingsFor } from '../../../../layers/core/rebalance/rebalance-settings';
import { HOUR_MS, NOW } from '../../../helpers/rebalance-factories';

describe('rebalance settings', () => {
  it('spreads critical fleets wider and churns them less than batch fleets', () => {
    // Act
    const critical = defaultRebalanceSettings('critical');
    const batch = defaultRebalanceSettings('batch');

    // Assess
    expect(critical.minPools).toBeGreaterThan(batch.minPools);
    expect(critical.maxPoolShare).toBeLessThan(batch.maxPoolShare);
    expect(critical.maxReplacementsPerHour).toBeLessThan(batch.maxReplacementsPerHour);
    expect(critical.calmPeriodSeconds).toBeGreaterThan(batch.calmPeriodSeconds);
    expect(critical.fallbackInterruptions).toBeLessThan(batch.fallbackInterruptions);
  });

  it("puts the given settings over the tier's defaults, and hands out copies", () => {
    // Act
    const settings = rebalanceSettingsFor('standard', { minPools: 1 });
    settings.maxPoolShare = 1;

    // Assess
    expect(settings.minPools).toBe(1);
    expect(settings.savingThresholdUsdPerHour).toBe(defaultRebalanceSettings('standard').savingThresholdUsdPerHour);
    expect(defaultRebalanceSettings('standard').maxPoolShare).toBe(0.5);
  });

  it('counts pool interruptions over 24 h and the fleet ones over the fallback window and the calm period', () => {
    // Act
    const windows = interruptionWindowsOf(defaultRebalanceSettings('critical'), NOW);

    // Assess
    expect(windows).toEqual({ poolSinceMs: NOW - 24 * HOUR_MS, fallbackSinceMs: NOW - HOUR_MS, calmSinceMs: NOW - 6 * HOUR_MS });
  });
});
