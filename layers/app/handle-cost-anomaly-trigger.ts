/** The cost-anomaly function's use case: an alert's anomalies, or a spend-rate check whose anomalies are handled alike. */
import type { CostAnomaly } from '../core/cost/cost-anomaly';
import type { CostAnomalyTrigger } from '../core/cost/cost-anomaly-trigger';
import type { CostAnomalyDeps } from './cost-anomaly-deps';
import { isRetryable, messageOf } from './errors';
import { handleCostAnomaly, type CostAnomalyOutcome } from './handle-cost-anomaly';
import type { SpendWatchDeps } from './spend-watch-deps';
import { watchFleetSpend } from './watch-fleet-spend';

/** The function's ports: the use case's, and the spend-rate check's (the same adapters, wired once). */
export interface CostAnomalyFunctionDeps extends CostAnomalyDeps {
  spendWatch: SpendWatchDeps;
}

export type CostAnomalyTriggerResult =
  | { status: 'ignored'; reason: string }
  | { status: 'handled'; kind: 'anomalies' | 'spend-check'; outcomes: CostAnomalyOutcome[]; failed: string[] };

const handleAll = async (deps: CostAnomalyDeps, anomalies: readonly CostAnomaly[], rethrow: boolean) => {
  const outcomes: CostAnomalyOutcome[] = [];
  const failed: string[] = [];
  let retry: unknown;
  for (const anomaly of anomalies) {
    try {
      outcomes.push(await handleCostAnomaly(deps, anomaly));
    } catch (error) {
      deps.logger.error('cost anomaly failed', { anomalyId: anomaly.anomalyId, error: messageOf(error), retryable: isRetryable(error) });
      failed.push(anomaly.anomalyId);
      retry ??= error;
    }
  }
  if (rethrow && retry !== undefined) throw retry;
  return { outcomes, failed };
};

/**
 * Alerts: each anomaly handled, and the first failure rethrown after the others ran, so Lambda (or SNS) redelivers and
 * the anomalies already handled come back as duplicates. Spend checks: a failed anomaly is logged and not rethrown:
 * a retry of the whole run would sample every fleet twice, and the next scheduled run raises the same anomaly again
 * (same id) as long as its incident was not saved (detectSpendAnomaly's `openIncidentRecorded`).
 */
export const handleCostAnomalyTrigger = async (deps: CostAnomalyFunctionDeps, trigger: CostAnomalyTrigger): Promise<CostAnomalyTriggerResult> => {
  switch (trigger.kind) {
    case 'ignored':
      deps.logger.info('event is not a cost anomaly: acknowledged', { eventId: trigger.eventId, reason: trigger.reason });
      return { status: 'ignored', reason: trigger.reason };
    case 'anomalies':
      return { status: 'handled', kind: 'anomalies', ...(await handleAll(deps, trigger.anomalies, true)) };
    case 'spend-check': {
      const anomalies = await watchFleetSpend(deps.spendWatch, deps.clock.nowMs());
      return { status: 'handled', kind: 'spend-check', ...(await handleAll(deps, anomalies, false)) };
    }
  }
};
