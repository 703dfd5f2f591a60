// Spot or on-demand fallback, with hysteresis: fall back on a burst of interruptions, return after a calm period.
import type { RebalanceSettings } from './rebalance-settings';

export type MarketMode = 'spot' | 'on-demand-fallback';

/** Kept by the caller between runs (ledger) and passed back in: the hysteresis state. */
export interface MarketModeState {
  mode: MarketMode;
  /** When the fleet entered this mode. */
  sinceMs: number;
  reason: string;
}

export interface MarketModeInput {
  /** The state the last run returned; undefined on the first run. */
  previous: MarketModeState | undefined;
  /** The fleet's Spot interruptions since `nowMs - fallbackWindowSeconds`. */
  spotInterruptionsInFallbackWindow: number;
  /** The fleet's Spot interruptions since `nowMs - calmPeriodSeconds`. */
  spotInterruptionsInCalmPeriod: number;
  settings: RebalanceSettings;
  nowMs: number;
}

const hours = (seconds: number): string => `${Math.round((seconds / 3600) * 10) / 10} h`;
const minutes = (seconds: number): string => (seconds >= 3600 ? hours(seconds) : `${Math.round(seconds / 60)} min`);

/**
 * The market mode for this run. Spot falls back when interruptions in the window exceed the threshold; the
 * fallback ends only after a whole calm period in it with no interruption in that period. The two conditions are
 * far apart (a burst versus none for hours), so the mode cannot flap from one run to the next.
 *
 * @example
 * nextMarketMode({ previous: { mode: 'spot', sinceMs: 0, reason: '' }, spotInterruptionsInFallbackWindow: 4,
 *   spotInterruptionsInCalmPeriod: 4, settings: defaultRebalanceSettings('standard'), nowMs }).mode; // 'on-demand-fallback'
 */
export const nextMarketMode = (input: MarketModeInput): MarketModeState => {
  const { previous, settings, nowMs } = input;
  const burst = input.spotInterruptionsInFallbackWindow > settings.fallbackInterruptions;
  if (previous === undefined || previous.mode === 'spot') {
    if (burst) {
      return {
        mode: 'on-demand-fallback',
        sinceMs: nowMs,
        reason: `${input.spotInterruptionsInFallbackWindow} Spot interruptions in ${minutes(settings.fallbackWindowSeconds)} (more than ${settings.fallbackInterruptions}): falling back to on-demand`,
      };
    }
    return previous ?? { mode: 'spot', sinceMs: nowMs, reason: 'Spot preferred' };
  }
  const calmLongEnough = nowMs - previous.sinceMs >= settings.calmPeriodSeconds * 1000;
  if (calmLongEnough && input.spotInterruptionsInCalmPeriod === 0) {
    return { mode: 'spot', sinceMs: nowMs, reason: `no Spot interruption for ${hours(settings.calmPeriodSeconds)}: back to Spot` };
  }
  return previous;
};
