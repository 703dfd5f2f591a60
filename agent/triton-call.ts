/** One inference request to Triton with bounded retries, classified into what the agent does next. */
import type { ClockPort } from '../layers/ports/clock-port';
import { InferenceError, type InferencePort } from '../layers/ports/inference-port';
import { interruptibleSleep } from './interruptible-sleep';

const MAX_BACKOFF_MS = 10_000;

/**
 * - `ok`: Triton answered; deliver `resultJson`.
 * - `poison`: Triton, with the model ready, rejected the request itself (4xx): retrying it anywhere gives the same
 *   answer.
 * - `failed`: Triton could not serve it now (5xx after the retries, timeout, unreachable); another try may work.
 *   `tritonSuspect`: the failure says more about Triton than about the request (re-check readiness).
 * - `abandoned`: the lease was released while the request ran; its result no longer matters.
 */
export type InferenceOutcome =
  | { kind: 'ok'; resultJson: string }
  | { kind: 'poison'; reason: string }
  | { kind: 'failed'; reason: string; tritonSuspect: boolean }
  | { kind: 'abandoned' };

export interface TritonCallOptions {
  model: string;
  requestJson: string;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  /** Aborts retries and backoffs (the lease was released). */
  signal: AbortSignal;
}

// 408 and 429 are Triton saying "not now", 404 that the model is not (or no longer) loaded: none is the request's fault.
const NOT_THE_REQUESTS_FAULT = new Set([404, 408, 429]);

/**
 * Sends the request, retrying with exponential backoff (`backoffMs`, x2 each time, at most 10 s) while Triton
 * answers 5xx, 408 or 429 or the call fails in a retryable way.
 *
 * @example
 * const outcome = await callTriton({ inference, clock }, { model: 'bert', requestJson, timeoutMs: 30_000, retries: 3, backoffMs: 200, signal });
 */
export const callTriton = async (deps: { inference: InferencePort; clock: ClockPort }, options: TritonCallOptions): Promise<InferenceOutcome> => {
  for (let attempt = 0; ; attempt += 1) {
    if (options.signal.aborted) return { kind: 'abandoned' };
    try {
      const resultJson = await deps.inference.infer(options.model, options.requestJson, { timeoutMs: options.timeoutMs });
      return options.signal.aborted ? { kind: 'abandoned' } : { kind: 'ok', resultJson };
    } catch (error) {
      if (options.signal.aborted) return { kind: 'abandoned' };
      const status = error instanceof InferenceError ? error.status : undefined;
      const reason = describe(error);
      if (status !== undefined && status >= 400 && status < 500 && !NOT_THE_REQUESTS_FAULT.has(status)) {
        // Triton answers an unloaded or unknown model with 400 too: that is not the request's fault, and treating it
        // as poison would send every message to the DLQ. Only a 4xx from a ready model condemns the request.
        if (await modelReady(deps.inference, options.model)) return { kind: 'poison', reason };
        return { kind: 'failed', reason: `${reason} (model ${options.model} not ready)`, tritonSuspect: true };
      }
      const retryable = status === undefined ? error instanceof InferenceError && error.retryable : status >= 500 || status === 408 || status === 429;
      if (!retryable || attempt >= options.retries) {
        const answered = status !== undefined && status !== 404;
        return { kind: 'failed', reason: attempt > 0 ? `${reason} (after ${attempt + 1} attempts)` : reason, tritonSuspect: !answered };
      }
      await interruptibleSleep(deps.clock, Math.min(MAX_BACKOFF_MS, options.backoffMs * 2 ** attempt), { signal: options.signal });
    }
  }
};

const modelReady = async (inference: InferencePort, model: string): Promise<boolean> => {
  try {
    return await inference.ready(model);
  } catch {
    return false;
  }
};

const describe = (error: unknown): string => {
  if (error instanceof InferenceError) return error.status === undefined ? `Triton call failed: ${error.message}` : `Triton answered ${error.status}: ${error.message}`;
  return `Triton call failed: ${error instanceof Error ? error.message : String(error)}`;
};
