/** Spot fallback with hysteresis: a burst of interruptions sends the fleet to on-demand, a calm period brings it back. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextMarketMode, type MarketModeState } from '../../../../layers/core/rebalance/market-mode';
import { defaultRebalanceSettings } from '../../../../layers/core/rebalance/rebalance-settings';
import { HOUR_MS, NOW } from '../../../helpers/rebalance-factories';

const SETTINGS = defaultRebalanceSettings('standard'); // more than 3 in 1 h falls back; 3 h calm returns
const SPOT: MarketModeState = { mode: 'spot', sinceMs: NOW - 48 * HOUR_MS, reason: 'Spot preferred' };
const FALLBACK: MarketModeState = { mode: 'on-demand-fallback', sinceMs: NOW - HOUR_MS, reason: '4 Spot interruptions' };
const run = (previous: MarketModeState | undefined, inWindow: number, inCalm: number, nowMs = NOW): MarketModeState =>
  nextMarketMode({ previous, spotInterruptionsInFallbackWindow: inWindow, spotInterruptionsInCalmPeriod: inCalm, settings: SETTINGS, nowMs });

describe('nextMarketMode', () => {
  it('starts on Spot when nothing was interrupted', () => {
    // Act / Assess
    expect(run(undefined, 0, 0)).toEqual({ mode: 'spot', sinceMs: NOW, reason: 'Spot preferred' });
  });

  it('stays on Spot at the threshold and falls back above it, saying why', () => {
    // Act
    const at = run(SPOT, 3, 3);
    const above = run(SPOT, 4, 4);

    // Assess
    expect(at).toBe(SPOT);
    expect(above).toEqual({ mode: 'on-demand-fallback', sinceMs: NOW, reason: '4 Spot interruptions in 1 h (more than 3): falling back to on-demand' });
  });

  it('falls back on the first run too when the burst is already there', () => {
    // Act / Assess
    expect(run(undefined, 5, 5).mode).toBe('on-demand-fallback');
  });

  it('stays on on-demand before the calm period is over, even with no interruption', () => {
    // Act / Assess
    expect(run(FALLBACK, 0, 0, FALLBACK.sinceMs + 3 * HOUR_MS - 1)).toBe(FALLBACK);
  });

  it('stays on on-demand after the calm period while interruptions happened within it', () => {
    // Act / Assess
    expect(run(FALLBACK, 0, 1, FALLBACK.sinceMs + 5 * HOUR_MS)).toBe(FALLBACK);
  });

  it('returns to Spot after a whole calm period without interruption', () => {
    // Act
    const back = run(FALLBACK, 0, 0, FALLBACK.sinceMs + 3 * HOUR_MS);

    // Assess
    expect(back).toEqual({ mode: 'spot', sinceMs: FALLBACK.sinceMs + 3 * HOUR_MS, reason: 'no Spot interruption for 3 h: back to Spot' });
  });

  it('never flaps: every stay on on-demand lasts at least the calm period, whatever the runs see', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gapMinutes: fc.integer({ min: 1, max: 240 }), inWindow: fc.integer({ min: 0, max: 8 }), inCalm: fc.integer({ min: 0, max: 8 }) }), { maxLength: 60 }),
        (runs) => {
          let state: MarketModeState | undefined;
          let nowMs = NOW;
          for (const r of runs) {
            nowMs += r.gapMinutes * 60_000;
            const next = run(state, r.inWindow, Math.max(r.inWindow, r.inCalm), nowMs);
            if (state?.mode === 'on-demand-fallback' && next.mode === 'spot') expect(nowMs - state.sinceMs).toBeGreaterThanOrEqual(SETTINGS.calmPeriodSeconds * 1000);
            if (next.mode !== state?.mode && state !== undefined && next.mode === 'on-demand-fallback') expect(r.inWindow).toBeGreaterThan(SETTINGS.fallbackInterruptions);
            state = next;
          }
        },
      ),
    );
  });
});
