/** A fleet's hourly scale-in budget, kept in its forecast state: read before any scaler's scale-in, added to after one. */
import type { FleetConfig } from '../core/fleet';
import { forecastSettingsOf } from '../core/forecast/forecast-settings';
import { emptyForecastState } from '../core/forecast/forecast-state';
import { scaleInAllowance, scaleInsInHour, type ScaleInAllowance } from '../core/forecast/scale-in-allowance';
import { ForecastStateConflictError, type LedgerPort } from '../ports/ledger-port';

type StateLedger = Pick<LedgerPort, 'getForecastState' | 'saveForecastState'>;

/** Saves that lose to a concurrent forecast run read again and retry this often. */
const SAVE_ATTEMPTS = 3;

/** The budget of the rolling hour for a scale-in from `fromUnits` (the forecast scaler's, so all scale-ins share it). */
export const scaleInBudgetOf = async (ledger: StateLedger, fleet: FleetConfig, nowMs: number, fromUnits: number): Promise<ScaleInAllowance> => {
  const stored = await ledger.getForecastState(fleet.fleetId);
  return scaleInAllowance(nowMs, fromUnits, forecastSettingsOf(fleet).maxScaleInFractionPerHour, scaleInsInHour(stored?.scaleIns ?? [], nowMs));
};

/** Adds an applied scale-in of `units` to the fleet's forecast state, so the forecast's next run counts it too. */
export const rememberScaleIn = async (ledger: StateLedger, fleetId: string, atMs: number, units: number): Promise<void> => {
  if (units <= 0) return;
  for (let attempt = 1; ; attempt += 1) {
    const stored = (await ledger.getForecastState(fleetId)) ?? emptyForecastState(fleetId);
    try {
      await ledger.saveForecastState({ ...stored, version: stored.version + 1, scaleIns: [...scaleInsInHour(stored.scaleIns, atMs), { atMs, units }] });
      return;
    } catch (error) {
      if (!(error instanceof ForecastStateConflictError) || attempt >= SAVE_ATTEMPTS) throw error;
    }
  }
};
