/** What the rebalancer use case needs: its ports and its settings. */
import type { FleetConfig } from '../core/fleet';
import type { RebalanceSettings } from '../core/rebalance/rebalance-settings';
import type { ClockPort } from '../ports/clock-port';
import type { FleetPort } from '../ports/fleet-port';
import type { LedgerPort } from '../ports/ledger-port';
import type { LoggerPort } from '../ports/logger-port';
import type { NotifierPort } from '../ports/notifier-port';
import type { ReplacementCheckPort } from '../ports/replacement-check-port';
import type { SettingsPort } from '../ports/settings-port';
import type { SpotPricePort } from '../ports/spot-price-port';

export interface RebalanceRunSettings {
  fleets: readonly FleetConfig[];
  globalDryRun: boolean;
  /** How often the schedule rule runs the rebalancer (the serverless.yml rate), seconds. */
  runIntervalSeconds: number;
  /** How often a fleet is planned when nothing asks sooner (a request, an incident over, a replacement ended), seconds. */
  planIntervalSeconds: number;
  /** How long the agent of an instance being replaced has to drain it before it is terminated anyway, seconds. */
  drainSeconds: number;
  /** Over the tier's defaults (rebalanceSettingsFor), for every fleet. */
  settings?: Partial<RebalanceSettings>;
}

export interface RebalanceDeps {
  fleet: FleetPort;
  prices: SpotPricePort;
  ledger: LedgerPort;
  notifier: NotifierPort;
  checks: ReplacementCheckPort;
  settings: SettingsPort;
  clock: ClockPort;
  logger: LoggerPort;
  config: RebalanceRunSettings;
}
