/** What the worker agent needs from Triton Inference Server: readiness and inference (KServe v2 over HTTP). */
import { PortError } from './port-error';

export class InferenceError extends PortError {
  override readonly name = 'InferenceError';
  /** The HTTP status Triton answered, when it answered (5xx: retry with backoff; 4xx: the request is bad). */
  readonly status?: number;
  constructor(message: string, code: string, retryable: boolean, options?: { cause?: unknown; status?: number }) {
    super(message, code, retryable, options);
    if (options?.status !== undefined) this.status = options.status;
  }
}

/**
 * A KServe v2 inference server. `infer` sends the request body as the v2 JSON request
 * (`{"inputs":[...],"outputs":[...]}`) to `POST /v2/models/{model}/infer` and returns the response JSON text.
 */
export interface InferencePort {
  /** `GET /v2/health/ready` and `GET /v2/models/{model}/ready` both 200. */
  ready(model: string): Promise<boolean>;
  infer(model: string, requestJson: string, options?: { timeoutMs?: number }): Promise<string>;
}
