/** What the forecast-scaler use case needs: its ports and its settings. */
import type { FleetConfig } from '../core/fleet';
import type { ClockPort } from '../ports/clock-port';
import type { DemandHistoryPort } from '../ports/demand-history-port';
import type { FleetPort } from '../ports/fleet-port';
import type { LedgerPort } from '../ports/ledger-port';
import type { LoggerPort } from '../ports/logger-port';
import type { MetricPublisherPort } from '../ports/metric-publisher-port';
import type { MetricsPort } from '../ports/metrics-port';
import type { NotifierPort } from '../ports/notifier-port';
import type { QueuePort } from '../ports/queue-port';
import type { SettingsPort } from '../ports/settings-port';
import type { StepSchedulerPort } from '../ports/step-scheduler-port';

export interface ForecastRunSettings {
  fleets: readonly FleetConfig[];
  globalDryRun: boolean;
  /** How often the schedule runs the scaler (the serverless.yml rate), seconds. */
  runIntervalSeconds: number;
  /** Resolution of the demand history and of the forecast, seconds (CloudWatch period). */
  stepSeconds: number;
  /** Cooldown after a scale-in before the next one, seconds (scale-out has none: it is never held back). */
  scaleInCooldownSeconds: number;
  /** How long the fleet lock is held at most, ms. */
  lockLeaseMs: number;
}

export interface ForecastDeps {
  fleet: FleetPort;
  queue: QueuePort;
  metrics: MetricsPort;
  history: DemandHistoryPort;
  publisher: MetricPublisherPort;
  ledger: LedgerPort;
  notifier: NotifierPort;
  steps: StepSchedulerPort;
  settings: SettingsPort;
  clock: ClockPort;
  logger: LoggerPort;
  config: ForecastRunSettings;
}
