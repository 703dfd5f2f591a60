/** What the cost report needs: the fleets, the ledgers, the usage metrics, a metric publisher, Slack, a logger and the clock. */
import type { FleetConfig } from '../core/fleet';
import type { ClockPort } from '../ports/clock-port';
import type { CostLedgerPort } from '../ports/cost-ledger-port';
import type { LedgerPort } from '../ports/ledger-port';
import type { LoggerPort } from '../ports/logger-port';
import type { MetricPublisherPort } from '../ports/metric-publisher-port';
import type { NotifierPort } from '../ports/notifier-port';
import type { RequestsSource, UsageMetricsPort } from '../ports/usage-metrics-port';

export interface CostReportConfig {
  /** The Slack channel of the daily digest and the monthly chargeback. */
  channel: string;
  /** Where requests served are counted (the agent's Served, or SQS deletions). */
  requestsSource: RequestsSource;
  /** A period whose mean fleet GPU utilization is under this is idle, percent. */
  idleThresholdPercent: number;
  /** The period of the GPU utilization read (the grain of idle GPU-hours), seconds: a multiple of 60 dividing a day. */
  gpuPeriodSeconds: number;
}

export interface CostReportDeps {
  fleets: readonly FleetConfig[];
  costs: Pick<CostLedgerPort, 'listCostSamples' | 'listCostIncidents'>;
  ledger: Pick<LedgerPort, 'listActions' | 'countInterruptions' | 'getGpuAlarmMemory' | 'claim' | 'completeClaim' | 'releaseClaim'>;
  usage: UsageMetricsPort;
  publisher: MetricPublisherPort;
  notifier: NotifierPort;
  logger: LoggerPort;
  clock: ClockPort;
  config: CostReportConfig;
}
