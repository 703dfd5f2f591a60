/** What the spot-interruption use case needs: its ports and its settings. */
import type { FleetConfig } from '../core/fleet';
import type { SpotPolicy } from '../core/spot-policy';
import type { ClockPort } from '../ports/clock-port';
import type { FleetPort } from '../ports/fleet-port';
import type { LedgerPort } from '../ports/ledger-port';
import type { LoggerPort } from '../ports/logger-port';
import type { MetricsPort } from '../ports/metrics-port';
import type { NotifierPort } from '../ports/notifier-port';
import type { QueuePort } from '../ports/queue-port';
import type { SchedulerPort } from '../ports/scheduler-port';
import type { SettingsPort } from '../ports/settings-port';

export interface SpotSettings {
  fleets: readonly FleetConfig[];
  globalDryRun: boolean;
  maxSurgeUnitsPerEvent: number;
  policy: SpotPolicy;
  /** How long a claim protects an event being processed (longer than the function timeout). */
  claimLeaseMs: number;
  /** How long a completed claim is remembered (EventBridge and Lambda retry within hours). */
  claimTtlSeconds: number;
  /** Window for the queue arrival rate. */
  arrivalWindowSeconds: number;
}

export interface SpotDeps {
  fleet: FleetPort;
  queue: QueuePort;
  metrics: MetricsPort;
  ledger: LedgerPort;
  notifier: NotifierPort;
  scheduler: SchedulerPort;
  settings: SettingsPort;
  clock: ClockPort;
  logger: LoggerPort;
  config: SpotSettings;
}
