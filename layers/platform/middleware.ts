/** The shared middy chain every function uses: Lambda context in every log line, errors logged once. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Logger } from '@aws-lambda-powertools/logger';

/**
 * Wrap a handler with the standard chain. Errors are logged with their cause and re-thrown, so Lambda's
 * retry policy and on-failure destination see them.
 */
export const withObservability = <TEvent, TResult>(
  logger: Logger,
  handler: (event: TEvent) => Promise<TResult>,
): middy.MiddyfiedHandler<TEvent, TResult> =>
  middy<TEvent, TResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      onError: async (request) => {
        const error = request.error;
        logger.error('invocation failed', { error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
      },
    })
    .handler(handler);
