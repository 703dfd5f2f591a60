/** Versioned per-fleet state items of the ledger (forecast state, gpu-alarm memory, rebalancer state), saved with optimistic concurrency. */
import { ForecastStateConflictError, GpuAlarmMemoryConflictError, RebalanceStateConflictError } from '../../ports/ledger-port';
import { ledgerKeys, plainData, withoutStorageAttributes, type LedgerKey } from './dynamodb-ledger-keys';
import type { LedgerTable } from './dynamodb-ledger-table';

/** One kind of fleet state: its key, its noun in error messages, and the conflict error its port declares. */
export interface FleetStateKind {
  /** `forecast state`, `gpu-alarm memory`: "saving <noun> of fleet <id>". */
  noun: string;
  key: (fleetId: string) => LedgerKey;
  conflict: (fleetId: string) => Error;
}

/** The forecast scaler's state: its runs set version = stored + 1 themselves. */
export const FORECAST_STATES: FleetStateKind = {
  noun: 'forecast state',
  key: ledgerKeys.forecastState,
  conflict: (fleetId) => new ForecastStateConflictError(fleetId),
};

/** The gpu-alarm memory: the decision leaves the version as read, the ledger stores version + 1. */
export const GPU_ALARM_MEMORIES: FleetStateKind = {
  noun: 'gpu-alarm memory',
  key: ledgerKeys.gpuAlarmMemory,
  conflict: (fleetId) => new GpuAlarmMemoryConflictError(fleetId),
};

/** The rebalancer's state: like the forecast's, its runs set version = stored + 1. */
export const REBALANCE_STATES: FleetStateKind = {
  noun: 'rebalancer state',
  key: ledgerKeys.rebalanceState,
  conflict: (fleetId) => new RebalanceStateConflictError(fleetId),
};

/**
 * One item per fleet and kind, no expiry (a fleet that stops running keeps its last state). The item stays well under
 * DynamoDB's 400 KB limit as long as the state keeps bounded lists; a larger one fails as a non-retryable LedgerError.
 *
 * @example
 * const states = new LedgerFleetStates<ForecastState>(table, FORECAST_STATES);
 * await states.save({ ...state, version: 3 }, 2); // stored only over version 2
 */
export class LedgerFleetStates<T extends { fleetId: string; version: number }> {
  constructor(
    private readonly table: LedgerTable,
    private readonly kind: FleetStateKind,
  ) {}

  async get(fleetId: string): Promise<T | undefined> {
    const item = await this.table.get(`reading ${this.kind.noun} of fleet ${fleetId}`, this.kind.key(fleetId));
    return item === undefined ? undefined : withoutStorageAttributes<T>(item);
  }

  /**
   * Stores `state` as given when the stored version is `storedVersion` (0: nothing stored yet).
   * @throws the kind's conflict error otherwise.
   */
  async save(state: T, storedVersion: number): Promise<void> {
    const first = storedVersion === 0;
    const saved = await this.table.putIf(`saving ${this.kind.noun} of fleet ${state.fleetId}`, {
      Item: { ...plainData(state), ...this.kind.key(state.fleetId) },
      ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :storedVersion',
      ...(first ? {} : { ExpressionAttributeValues: { ':storedVersion': storedVersion } }),
    });
    if (!saved) throw this.kind.conflict(state.fleetId);
  }
}
