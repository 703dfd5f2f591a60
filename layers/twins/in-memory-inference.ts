/** Twin of Triton Inference Server behind InferencePort: identity models, latency, readiness, injected errors. */
import { InferenceError, type InferencePort } from '../ports/inference-port';
import { identityInference } from './kserve-v2-identity';

export interface InMemoryInferenceOptions {
  /** Models loaded and ready at start (Triton's model repository). */
  models?: string[];
  /** Service time of one request, fixed or per model. */
  latencyMs?: number | ((model: string) => number);
  /** How the twin waits out the latency: a ManualClock's sleep, or a real one. Required when latency > 0. */
  sleep?: (ms: number) => Promise<void>;
}

interface InjectedError {
  status: number;
  message: string;
}

/**
 * A Triton server in memory. Models are identity models (each output is its input), so a result can be checked
 * against its request. `ready` is true while the server is up and ready and the model is loaded; an unknown or
 * unloaded model answers 400, as Triton does; `setDown(true)` is the process gone (refused connections).
 *
 * @example
 * const triton = new InMemoryInference({ models: ['bert-large'], latencyMs: 40, sleep: (ms) => clock.sleep(ms) });
 * await triton.ready('bert-large'); // true
 * triton.failNext(2, 503); // the next two inferences answer 503
 */
export class InMemoryInference implements InferencePort {
  /** Calls made (failed ones included), inferences answered 200, and the most requests in service at once. */
  calls = { ready: 0, infer: 0 };
  served = 0;
  inFlight = 0;
  maxInFlight = 0;
  private models: Map<string, boolean>;
  private serverReady = true;
  private down = false;
  private latencyMs: number | ((model: string) => number);
  private readonly sleep?: (ms: number) => Promise<void>;
  private injected: InjectedError[] = [];
  private readonly initialModels: string[];

  constructor(options: InMemoryInferenceOptions = {}) {
    this.initialModels = options.models ?? [];
    this.models = new Map(this.initialModels.map((m) => [m, true]));
    this.latencyMs = options.latencyMs ?? 0;
    if (options.sleep) this.sleep = options.sleep;
  }

  async ready(model: string): Promise<boolean> {
    this.calls.ready += 1;
    return !this.down && this.serverReady && this.models.get(model) === true;
  }

  async infer(model: string, requestJson: string, options: { timeoutMs?: number } = {}): Promise<string> {
    this.calls.infer += 1;
    const doing = `inferring with model ${model}`;
    if (this.down) throw new InferenceError(`${doing}: connect ECONNREFUSED (twin)`, 'ECONNREFUSED', true);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const latency = typeof this.latencyMs === 'function' ? this.latencyMs(model) : this.latencyMs;
      const timeoutMs = options.timeoutMs ?? Number.POSITIVE_INFINITY;
      await this.wait(Math.min(latency, timeoutMs));
      if (latency > timeoutMs) throw new InferenceError(`${doing}: no answer within ${timeoutMs} ms (twin)`, 'TimeoutError', true);
      const injected = this.injected.shift();
      if (injected) throw answered(doing, injected.status, injected.message);
      if (this.models.get(model) !== true) {
        const reason = this.models.has(model) ? 'is not at ready state' : 'is not found';
        throw answered(doing, 400, `Request for unknown model: '${model}' ${reason}`);
      }
      const outcome = identityInference(model, '1', requestJson);
      if (!outcome.ok) throw answered(doing, outcome.status, outcome.error);
      this.served += 1;
      return outcome.responseJson;
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Loads (ready) or unloads a model; an unloaded model is known but not ready. */
  setModelReady(model: string, ready: boolean): void {
    this.models.set(model, ready);
  }

  /** Server readiness (`/v2/health/ready`), e.g. false while Triton starts or shuts down. */
  setServerReady(ready: boolean): void {
    this.serverReady = ready;
  }

  /** The Triton process is gone: readiness reads false and inferences are refused (retryable). */
  setDown(down: boolean): void {
    this.down = down;
  }

  setLatency(latencyMs: number | ((model: string) => number)): void {
    this.latencyMs = latencyMs;
  }

  /** The next `times` inferences answer this status: 5xx retryable, 4xx not (Triton's `{"error": ...}` message). */
  failNext(times: number, status = 503, message = 'Server is overloaded (twin)'): void {
    for (let i = 0; i < times; i += 1) this.injected.push({ status, message });
  }

  reset(): void {
    this.calls = { ready: 0, infer: 0 };
    this.served = 0;
    this.inFlight = 0;
    this.maxInFlight = 0;
    this.models = new Map(this.initialModels.map((m) => [m, true]));
    this.serverReady = true;
    this.down = false;
    this.injected = [];
  }

  private async wait(ms: number): Promise<void> {
    if (ms <= 0) return;
    if (!this.sleep) throw new InferenceError('inferring: the twin has latency but no sleep to wait it out', 'TwinMisconfigured', false);
    await this.sleep(ms);
  }
}

// The codes the HTTP client gives the same statuses (layers/adapters/http-failure.ts), for like-for-like errors.
const CODES: Record<number, string> = { 400: 'BadRequest', 404: 'NotFound', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' };

const answered = (doing: string, status: number, message: string): InferenceError =>
  new InferenceError(`${doing}: Triton answered ${status}: ${message}`, CODES[status] ?? `Http${status}`, status === 429 || status >= 500, { status });
