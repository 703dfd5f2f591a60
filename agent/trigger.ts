/** A wake-up call between the agent's loops: `wait()` resolves at the next `fire()`. */

/**
 * Loops that wait for a condition (a free slot, Triton ready again, a new drain deadline) wait on a Trigger and
 * re-check the condition when it fires. JavaScript runs the check and the `wait()` call without interleaving, so
 * no wake-up is lost between them.
 *
 * @example
 * while (!ready()) await changed.wait();
 */
export class Trigger {
  private waiters: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  fire(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
