/** The one error shape every port implementation throws: what failed, the service's code, and whether to retry. */

export class PortError extends Error {
  constructor(
    message: string,
    /** The service's error name (`ThrottlingException`, `channel_not_found`, ...) or the twin's equivalent. */
    readonly code: string,
    /** Whether the same call may succeed later (throttling, server errors) or never will (permissions, bad input). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PortError';
  }
}
