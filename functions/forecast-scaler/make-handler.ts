/** The forecast-scaler function, built from its ports: parse the trigger at the edge, then the use case. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ForecastDeps } from '../../layers/app/forecast-deps';
import { handleForecastTrigger, type ForecastResult } from '../../layers/app/handle-forecast-trigger';
import { parseForecastTrigger } from '../../layers/events/forecast-trigger';
import { withObservability } from '../../layers/platform/middleware';
import { logger as defaultLogger } from '../../layers/platform/observability';

/**
 * A malformed trigger is logged with the failing field and thrown (not retryable): Lambda's on-failure destination
 * keeps it. Other events are acknowledged no-ops. A run that failed for a reason a retry may fix is thrown after
 * every fleet ran, so Lambda retries it and the per-fleet claims skip the fleets already done.
 */
export const makeForecastHandler = (deps: ForecastDeps, logger: Logger = defaultLogger) =>
  withObservability(logger, async (event: unknown): Promise<ForecastResult> => {
    const parsed = parseForecastTrigger(event);
    if (!parsed.ok) {
      deps.logger.error('event rejected', { error: parsed.error.message });
      throw parsed.error;
    }
    return handleForecastTrigger(deps, parsed.trigger);
  });
