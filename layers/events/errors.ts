/** The typed error the edge parsers return when an event does not match its schema. */

/** What the parser knew about the event when it failed; both are absent when the envelope itself was unreadable. */
export interface EventParseErrorOptions {
  cause?: unknown;
  /** The EventBridge `id`, when it was a string. */
  eventId?: string;
  /** The EventBridge `detail-type`, when it was a string. */
  detailType?: string;
  /** Dotted paths of the fields that failed (`detail.instance-action`); `(event)` for the event itself. */
  fields?: string[];
}

/**
 * An event that does not match the schema of its kind. Never retryable: the same bytes fail the same way, so the
 * record belongs on the failure destination (DLQ), not in a retry loop.
 *
 * @example
 * ```ts
 * new EventParseError(
 *   'EC2 Spot Instance Interruption Warning event 1234: detail.instance-action: expected one of terminate|stop|hibernate',
 *   { eventId: '1234', detailType: 'EC2 Spot Instance Interruption Warning', fields: ['detail.instance-action'] },
 * );
 * ```
 */
export class EventParseError extends Error {
  override readonly name = 'EventParseError';
  readonly retryable = false;
  readonly eventId: string | undefined;
  readonly detailType: string | undefined;
  readonly fields: readonly string[];

  constructor(message: string, options: EventParseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.eventId = options.eventId;
    this.detailType = options.detailType;
    this.fields = options.fields ?? [];
  }
}
