/** The spot-interruption function, built from its ports: parse at the edge, then the use case. */
import type { Logger } from '@aws-lambda-powertools/logger';
import { handleSpotSignal, type SpotResult } from '../../layers/app/handle-spot-signal';
import type { SpotDeps } from '../../layers/app/spot-deps';
import { parseEvent } from '../../layers/events/registry';
import { withObservability } from '../../layers/platform/middleware';
import { logger as defaultLogger } from '../../layers/platform/observability';

/**
 * A rejected event is logged with the failing field and thrown: Lambda's bounded retries then its on-failure
 * destination keep it (never a silent drop, never an endless loop). Unknown kinds are acknowledged no-ops.
 */
export const makeHandler = (deps: SpotDeps, logger: Logger = defaultLogger) =>
  withObservability(logger, async (event: unknown): Promise<SpotResult> => {
    const parsed = parseEvent(event);
    if (!parsed.ok) {
      deps.logger.error('event rejected', { error: parsed.error.message });
      throw parsed.error;
    }
    return handleSpotSignal(deps, parsed.signal);
  });
