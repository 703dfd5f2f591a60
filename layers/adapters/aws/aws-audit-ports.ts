/** The audit's AWS ports for the CLI: Cost Explorer (us-east-1) and CloudWatch usage metrics in the fleets' Region. */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CostExplorerPort } from '../../ports/cost-explorer-port';
import type { UsageMetricsPort } from '../../ports/usage-metrics-port';
import { CloudWatchUsageMetrics } from './cloudwatch-usage-metrics';
import { CostExplorerCosts } from './cost-explorer-costs';

/**
 * Read-only calls only (ce:GetCostAndUsage, cloudwatch:GetMetricData), with the credentials of the default provider
 * chain. Built here because only adapters may import the AWS SDK.
 */
export const awsAuditPorts = (options: { region: string; maxRequestsPerQuery: number }): { costs: CostExplorerPort; usage: UsageMetricsPort } => ({
  costs: CostExplorerCosts.onAws({ maxRequestsPerQuery: options.maxRequestsPerQuery }),
  usage: new CloudWatchUsageMetrics({ cloudwatch: new CloudWatchClient({ region: options.region, retryMode: 'adaptive', maxAttempts: 5 }) }),
});
