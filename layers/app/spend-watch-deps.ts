/** What the spend-rate check needs: its ports and its settings. */
import type { SpendWatchSettings } from '../core/cost/detect-spend-anomaly';
import type { FleetConfig } from '../core/fleet';
import type { CostLedgerPort } from '../ports/cost-ledger-port';
import type { FleetPort } from '../ports/fleet-port';
import type { LedgerPort } from '../ports/ledger-port';
import type { LoggerPort } from '../ports/logger-port';
import type { MetricPublisherPort } from '../ports/metric-publisher-port';
import type { MetricsPort } from '../ports/metrics-port';
import type { SpotPricePort } from '../ports/spot-price-port';

export interface SpendWatchConfig {
  fleets: readonly FleetConfig[];
  /** The account and Region the fleets run in: a spend-rate anomaly's accountId and its root causes' region. */
  accountId: string;
  region: string;
  /** How often the schedule runs the check (the serverless.yml rate), seconds: each sample stands for this long. */
  runIntervalSeconds: number;
  spendWatch: SpendWatchSettings;
  /** The forecast's lead units are the need while its last run is at most this old, seconds; else observed demand. */
  forecastFreshSeconds: number;
}

export interface SpendWatchDeps {
  fleet: Pick<FleetPort, 'listFleetInstances' | 'describeFleet'>;
  prices: Pick<SpotPricePort, 'recentSpotPrices'>;
  metrics: Pick<MetricsPort, 'arrivalRateQps'>;
  /** For the forecast state's `lastLeadUnits`. */
  ledger: Pick<LedgerPort, 'getForecastState'>;
  costs: CostLedgerPort;
  publisher: MetricPublisherPort;
  logger: LoggerPort;
  config: SpendWatchConfig;
}
