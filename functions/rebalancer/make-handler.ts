/** The rebalancer function, built from its ports: parse the trigger at the edge, then the use case. */
import type { Logger } from '@aws-lambda-powertools/logger';
import { handleRebalance, type RebalanceResult } from '../../layers/app/handle-rebalance';
import type { RebalanceDeps } from '../../layers/app/rebalance-deps';
import { parseRebalanceTrigger } from '../../layers/events/rebalancer-trigger';
import { withObservability } from '../../layers/platform/middleware';
import { logger as defaultLogger } from '../../layers/platform/observability';

/**
 * A malformed trigger is logged with the failing field and thrown (not retryable): Lambda's on-failure destination
 * keeps it. Other events are acknowledged no-ops. A run that failed for a reason a retry may fix is thrown after
 * every fleet ran, so Lambda retries it and the per-fleet claims skip the fleets already done.
 */
export const makeRebalanceHandler = (deps: RebalanceDeps, logger: Logger = defaultLogger) =>
  withObservability(logger, async (event: unknown): Promise<RebalanceResult> => {
    const parsed = parseRebalanceTrigger(event);
    if (!parsed.ok) {
      deps.logger.error('event rejected', { error: parsed.error.message });
      throw parsed.error;
    }
    return handleRebalance(deps, parsed.trigger);
  });
