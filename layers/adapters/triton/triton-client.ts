/** InferencePort over Triton's HTTP/REST API (the KServe v2 inference protocol): readiness and JSON inference. */
import { InferenceError, type InferencePort } from '../../ports/inference-port';
import { fetchFailureCode, fetchFailureMessage, isRetryableStatus, statusCodeName } from '../http-failure';

export interface TritonHttpClientOptions {
  /** Triton's HTTP endpoint, e.g. `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** Default limit for one inference, answer included; `infer` can set its own. */
  timeoutMs?: number;
  /** Limit for each readiness probe: a Triton that cannot answer a health check quickly is not ready. */
  readyTimeoutMs?: number;
}

/**
 * Talks JSON to Triton (`POST /v2/models/{model}/infer`, `Content-Type: application/json`). Triton answers a
 * refused request with a status and `{"error": "..."}`: 5xx and 429 are retryable (overloaded, failing), other
 * 4xx are not (the request or the model name is wrong). No answer at all (timeout, refused, reset) is retryable.
 *
 * @example
 * const triton = new TritonHttpClient({ baseUrl: 'http://127.0.0.1:8000' });
 * if (await triton.ready('bert-large')) {
 *   const resultJson = await triton.infer('bert-large', requestJson, { timeoutMs: 5_000 });
 * }
 */
export class TritonHttpClient implements InferencePort {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly readyTimeoutMs: number;

  constructor(options: TritonHttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 2_000;
  }

  /** Both `/v2/health/ready` and `/v2/models/{model}/ready` answer 200; no answer at all reads as not ready. */
  async ready(model: string): Promise<boolean> {
    const [server, loaded] = await Promise.all([
      this.answersOk('/v2/health/ready'),
      this.answersOk(`/v2/models/${encodeURIComponent(model)}/ready`),
    ]);
    return server && loaded;
  }

  async infer(model: string, requestJson: string, options: { timeoutMs?: number } = {}): Promise<string> {
    const doing = `inferring with model ${model}`;
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${this.baseUrl}/v2/models/${encodeURIComponent(model)}/infer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: requestJson,
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new InferenceError(`${doing}: ${fetchFailureMessage(error)}`, fetchFailureCode(error), true, { cause: error });
    }
    if (status === 200) return text;
    throw new InferenceError(
      `${doing}: Triton answered ${status}: ${tritonErrorMessage(text)}`,
      statusCodeName(status),
      isRetryableStatus(status),
      { status },
    );
  }

  private async answersOk(path: string): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(this.readyTimeoutMs) });
      // Read the body so the connection goes back to the pool.
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }
}

// Triton's error body is {"error": "..."}; anything else (a proxy's HTML page) is shown as it came, shortened.
const tritonErrorMessage = (text: string): string => {
  try {
    const parsed: unknown = JSON.parse(text);
    const error = (parsed as { error?: unknown } | null)?.error;
    if (typeof error === 'string') return error;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200) || '(empty body)';
};
