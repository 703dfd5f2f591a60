/** What the gpu-alarm use case needs: its ports and its settings. */
import type { FleetConfig } from '../core/fleet';
import type { AlarmRecheckPort } from '../ports/alarm-recheck-port';
import type { ClockPort } from '../ports/clock-port';
import type { FleetPort } from '../ports/fleet-port';
import type { LedgerPort } from '../ports/ledger-port';
import type { LoggerPort } from '../ports/logger-port';
import type { MetricsPort } from '../ports/metrics-port';
import type { NotifierPort } from '../ports/notifier-port';
import type { QueuePort } from '../ports/queue-port';
import type { SettingsPort } from '../ports/settings-port';

export interface GpuAlarmRunSettings {
  fleets: readonly FleetConfig[];
  globalDryRun: boolean;
  /** The stack's `${service}-${stage}`: the first part of our alarm names (`<prefix>.<fleet>.<kind>`). */
  alarmPrefix: string;
  /** Window of the observed arrival rate, seconds (the forecast's step, so both scalers see the same load). */
  stepSeconds: number;
  /** The fleet's scale-in cooldown shared with the forecast scaler (the guard's), seconds. */
  scaleInCooldownSeconds: number;
  /** The forecast scaler's run interval, seconds: its lead need counts while its last run is recent. */
  forecastRunIntervalSeconds: number;
}

export interface GpuAlarmDeps {
  fleet: FleetPort;
  queue: QueuePort;
  metrics: MetricsPort;
  ledger: LedgerPort;
  notifier: NotifierPort;
  rechecks: AlarmRecheckPort;
  settings: SettingsPort;
  clock: ClockPort;
  logger: LoggerPort;
  config: GpuAlarmRunSettings;
}
