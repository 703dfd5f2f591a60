/** The error a baseline policy raises for options the fleet cannot honour. */

/**
 * A policy option the simulated fleet cannot run with: an instance type the fleet does not list, a target
 * utilization outside (0, 1], a Spot share outside [0, 1], min above max. Never retryable: the scenario must change.
 */
export class PolicyConfigError extends Error {
  override readonly name = 'PolicyConfigError';
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
