/** Errors a twin is told to throw from its next calls of a given method, in the order they were queued. */

/**
 * @example
 * const failures = new InjectedFailures<'claim' | 'saveIncident'>();
 * failures.queue('claim', new Error('ThrottlingException'));
 * failures.throwNext('claim'); // throws it; the next call of throwNext('claim') does nothing
 */
export class InjectedFailures<Method extends string> {
  private queued = new Map<Method, Error[]>();

  queue(method: Method, error: Error): void {
    this.queued.set(method, [...(this.queued.get(method) ?? []), error]);
  }

  /** Throws the next error queued for `method`, if any. */
  throwNext(method: Method): void {
    const [next, ...rest] = this.queued.get(method) ?? [];
    if (next === undefined) return;
    this.queued.set(method, rest);
    throw next;
  }

  clear(): void {
    this.queued.clear();
  }
}
