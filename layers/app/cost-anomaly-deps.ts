/** What the cost-anomaly use case needs: its ports and its settings. */
import type { CostRemediationPolicy } from '../core/cost/cost-remediation-policy';
import type { FleetConfig, Tier } from '../core/fleet';
import type { ClockPort } from '../ports/clock-port';
import type { CostLedgerPort } from '../ports/cost-ledger-port';
import type { FleetPort } from '../ports/fleet-port';
import type { LedgerPort } from '../ports/ledger-port';
import type { MetricsPort } from '../ports/metrics-port';
import type { LoggerPort } from '../ports/logger-port';
import type { NotifierPort } from '../ports/notifier-port';
import type { SettingsPort } from '../ports/settings-port';
import type { SpotPricePort } from '../ports/spot-price-port';

export interface CostAnomalyRunSettings {
  fleets: readonly FleetConfig[];
  globalDryRun: boolean;
  /** The Region the fleets run in (the stack's). */
  region: string;
  /** The fleets' account; when unset, the anomaly's own account (the monitor lives in the fleets' account). */
  accountId?: string;
  /** The scale-in cooldown shared with the scalers (the guard's), seconds. */
  scaleInCooldownSeconds: number;
  /** The forecast scaler's run interval, seconds: its lead need is the fleet's need while its last run is recent. */
  forecastRunIntervalSeconds: number;
  /** Per-tier overrides of the hands-off remediations and the $/hour ceiling (costRemediationPolicyOf). */
  remediation?: Partial<Record<Tier, Partial<CostRemediationPolicy>>>;
  /** Where an anomaly no managed fleet explains is told (the first fleet's channel when unset). */
  alertChannel?: string;
}

export interface CostAnomalyDeps {
  fleet: FleetPort;
  prices: SpotPricePort;
  ledger: LedgerPort;
  /** Observed arrivals: a fleet's need when the forecast scaler has not run recently. */
  metrics: MetricsPort;
  costs: CostLedgerPort;
  notifier: NotifierPort;
  settings: SettingsPort;
  clock: ClockPort;
  logger: LoggerPort;
  config: CostAnomalyRunSettings;
}
