/** The error the simulated market raises for a pool it cannot price or an option outside its domain. */

/**
 * A simulated-market input the simulation cannot run with: an unknown availability zone, an instance type the
 * catalog cannot price, or an option out of range. Never retryable: the scenario itself must change.
 */
export class MarketConfigError extends Error {
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MarketConfigError';
  }
}
