/** The cost-anomaly function, built from its ports: parse the alert or schedule event at the edge, then the use case. */
import type { Logger } from '@aws-lambda-powertools/logger';
import { handleCostAnomalyTrigger, type CostAnomalyFunctionDeps, type CostAnomalyTriggerResult } from '../../layers/app/handle-cost-anomaly-trigger';
import { parseCostAnomalyTrigger } from '../../layers/events/cost-anomaly-trigger';
import { withObservability } from '../../layers/platform/middleware';
import { logger as defaultLogger } from '../../layers/platform/observability';

/**
 * A malformed alert is logged with the failing field and thrown (not retryable): the on-failure destination keeps it.
 * An SNS test message and other events are acknowledged no-ops. A failure a retry may fix is thrown retryable.
 */
export const makeCostAnomalyHandler = (deps: CostAnomalyFunctionDeps, logger: Logger = defaultLogger) =>
  withObservability(logger, async (event: unknown): Promise<CostAnomalyTriggerResult> => {
    const parsed = parseCostAnomalyTrigger(event, deps.clock.nowMs());
    if (!parsed.ok) {
      deps.logger.error('event rejected', { error: parsed.error.message });
      throw parsed.error;
    }
    return handleCostAnomalyTrigger(deps, parsed.trigger);
  });
