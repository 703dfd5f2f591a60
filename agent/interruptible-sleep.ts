/** Sleeping on the injected clock that ends early when the agent stops or something it waits for happens. */
import type { ClockPort } from '../layers/ports/clock-port';
import type { Trigger } from './trigger';

/**
 * Resolves after `ms` on `clock`, or as soon as `signal` aborts or `trigger` fires, whichever comes first.
 * ClockPort.sleep cannot be cancelled: its timer runs out on its own, harmlessly.
 *
 * @example
 * await interruptibleSleep(clock, 2000, { signal: stopping, trigger: deadlineChanged });
 */
export const interruptibleSleep = (
  clock: ClockPort,
  ms: number,
  interrupters: { signal?: AbortSignal; trigger?: Trigger } = {},
): Promise<void> => {
  const { signal, trigger } = interrupters;
  if (signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    signal?.addEventListener('abort', finish, { once: true });
    void clock.sleep(Math.max(0, ms)).then(finish);
    void trigger?.wait().then(finish);
  });
};
