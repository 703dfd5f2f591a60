/** Watches Triton's readiness (server and model), so the agent receives only while Triton can serve. */
import type { ClockPort } from '../layers/ports/clock-port';
import type { InferencePort } from '../layers/ports/inference-port';
import type { LoggerPort } from '../layers/ports/logger-port';
import { interruptibleSleep } from './interruptible-sleep';
import { Trigger } from './trigger';

export interface ReadinessDeps {
  inference: InferencePort;
  clock: ClockPort;
  logger: LoggerPort;
  model: string;
  pollSeconds: number;
  /** Called on every change (and on the first answer), with the new state. */
  onChange: (ready: boolean) => void;
}

/**
 * Polls `GET /v2/health/ready` and `GET /v2/models/{model}/ready` (through InferencePort.ready) every
 * `pollSeconds`, or at once after {@link TritonReadiness.recheck}. Not ready until the first check says so.
 */
export class TritonReadiness {
  private ready = false;
  private known = false;
  private readonly wake = new Trigger();

  constructor(private readonly deps: ReadinessDeps) {}

  isReady(): boolean {
    return this.ready;
  }

  /** A request failed in a way that points at Triton: check now rather than at the next poll. */
  recheck(): void {
    this.wake.fire();
  }

  async run(stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      await this.check();
      await interruptibleSleep(this.deps.clock, this.deps.pollSeconds * 1000, { signal: stop, trigger: this.wake });
    }
  }

  private async check(): Promise<void> {
    let ready: boolean;
    try {
      ready = await this.deps.inference.ready(this.deps.model);
    } catch (error) {
      this.deps.logger.debug('Triton readiness check failed', { error: String(error) });
      ready = false;
    }
    if (this.known && ready === this.ready) return;
    this.known = true;
    this.ready = ready;
    this.deps.logger.info(ready ? 'Triton is ready' : 'Triton is not ready', { model: this.deps.model });
    this.deps.onChange(ready);
  }
}
