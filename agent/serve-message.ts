/** Serves one received message: infer, deliver the result, delete; or hand it back with the reason. */
import type { ClockPort } from '../layers/ports/clock-port';
import type { InferencePort } from '../layers/ports/inference-port';
import type { LoggerPort } from '../layers/ports/logger-port';
import type { WorkQueuePort } from '../layers/ports/work-queue-port';
import type { AgentConfig } from './agent-config';
import type { Lease } from './lease';
import type { AgentMetrics } from './metrics';
import { callTriton } from './triton-call';
import type { VisibilityKeeper } from './visibility-keeper';

export interface ServeDeps {
  config: AgentConfig;
  queue: WorkQueuePort;
  inference: InferencePort;
  clock: ClockPort;
  logger: LoggerPort;
  metrics: AgentMetrics;
  visibility: VisibilityKeeper;
  /** Called when a failure points at Triton rather than at the request (check readiness now). */
  onTritonSuspect: () => void;
}

/**
 * The message is deleted only after its result is delivered, and never after its lease was released: a
 * released message may already be in another consumer's hands.
 *
 * - Triton rejects the request (4xx): poison. It is handed back at once with a log line saying why and how
 *   often it was received, so the queue's redrive policy moves it to the DLQ after maxReceiveCount receives.
 * - Triton fails after the retries, or the reply cannot be sent: handed back for another try.
 * - No reply queue named in the message: logged, and served (deleted) once computed.
 */
export const serveMessage = async (lease: Lease, deps: ServeDeps): Promise<void> => {
  const { config, logger, metrics } = deps;
  const { message } = lease;
  const outcome = await callTriton(deps, {
    model: config.model,
    requestJson: message.body,
    timeoutMs: config.tritonTimeoutMs,
    retries: config.tritonRetries,
    backoffMs: config.tritonBackoffMs,
    signal: lease.abort.signal,
  });
  if (outcome.kind === 'abandoned') return;
  if (outcome.kind === 'poison' || outcome.kind === 'failed') {
    if (!lease.commit()) return;
    const poison = outcome.kind === 'poison';
    logger.warn(poison ? 'poison message released toward the DLQ' : 'message released after Triton failed', {
      messageId: message.messageId,
      receiveCount: message.receiveCount,
      reason: outcome.reason,
    });
    await deps.visibility.release([message.receiptHandle]);
    if (poison) {
      metrics.count('PoisonReleased');
      return;
    }
    metrics.count('Failed');
    metrics.count('Released');
    if (outcome.tritonSuspect) deps.onTritonSuspect();
    return;
  }
  // From here on nothing hands the message back: its result goes out.
  if (!lease.commit()) return;
  const replyQueueUrl = message.attributes[config.replyQueueAttribute];
  if (replyQueueUrl === undefined) {
    logger.info('no reply queue in the message; result not sent', { messageId: message.messageId, attribute: config.replyQueueAttribute });
  } else {
    try {
      await deps.queue.send(replyQueueUrl, outcome.resultJson, replyAttributes(message.messageId, message.attributes));
    } catch (error) {
      logger.error('reply not delivered; message released for another try', { messageId: message.messageId, replyQueueUrl, error: String(error) });
      await deps.visibility.release([message.receiptHandle]);
      metrics.count('Failed');
      metrics.count('Released');
      return;
    }
  }
  try {
    await deps.queue.delete(config.queueUrl, message.receiptHandle);
  } catch (error) {
    // The reply is out; the message comes back after its visibility timeout and is served twice (at-least-once).
    logger.error('served message not deleted; it will be served again', { messageId: message.messageId, error: String(error) });
  }
  // The same clock readings as the worker's QueueWaitMs (receivedAtMs is its `now` at receive).
  metrics.served({ queueWaitMs: lease.receivedAtMs - message.sentAtMs, serviceTimeMs: deps.clock.nowMs() - lease.receivedAtMs });
};

/** The reply carries the request's message id, and its CorrelationId when it had one, so the caller can match it. */
const replyAttributes = (messageId: string, attributes: Record<string, string>): Record<string, string> => ({
  RequestMessageId: messageId,
  ...(attributes.CorrelationId === undefined ? {} : { CorrelationId: attributes.CorrelationId }),
});
