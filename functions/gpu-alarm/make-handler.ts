/** The gpu-alarm function, built from its ports: parse the alarm event (or recheck) at the edge, then the use case. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { GpuAlarmDeps } from '../../layers/app/gpu-alarm-deps';
import { handleGpuAlarm, type GpuAlarmResult } from '../../layers/app/handle-gpu-alarm';
import { parseGpuAlarmTrigger } from '../../layers/events/gpu-alarm-trigger';
import { withObservability } from '../../layers/platform/middleware';
import { logger as defaultLogger } from '../../layers/platform/observability';

/**
 * A malformed event is logged with the failing field and thrown (not retryable): Lambda's on-failure destination keeps
 * it. Other alarms and events are acknowledged no-ops. A failure a retry may fix is thrown retryable, so Lambda
 * retries the event and its claim lets the retry through.
 */
export const makeGpuAlarmHandler = (deps: GpuAlarmDeps, logger: Logger = defaultLogger) =>
  withObservability(logger, async (event: unknown): Promise<GpuAlarmResult> => {
    const parsed = parseGpuAlarmTrigger(event, deps.config.alarmPrefix);
    if (!parsed.ok) {
      deps.logger.error('event rejected', { error: parsed.error.message });
      throw parsed.error;
    }
    return handleGpuAlarm(deps, parsed.trigger);
  });
