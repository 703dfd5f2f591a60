/** The one error a demand trace raises: a bad file, a bad line or bad resampling options, never worth retrying. */

/** Where in the trace the problem is, so the message and a caller can both point at it. */
export interface TraceErrorLocation {
  /** The file path or scenario name the trace came from. */
  source: string;
  /** 1-based line in the source text, when the problem is on a line. */
  line?: number;
  /** The field at fault: `timestamp`, `value`, `data`, or an option name such as `stepSeconds`. */
  field?: string;
}

/**
 * A trace that cannot be used as given. Retrying cannot help: the input must change.
 *
 * @example
 * ```ts
 * new TraceError('value: "abc" is not a number', { source: 'trace.csv', line: 17, field: 'value' });
 * // message: 'trace.csv line 17: value: "abc" is not a number'
 * ```
 */
export class TraceError extends Error {
  override readonly name = 'TraceError';
  readonly retryable = false;
  readonly source: string;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(detail: string, location: TraceErrorLocation, options?: { cause?: unknown }) {
    const where = location.line === undefined ? location.source : `${location.source} line ${location.line}`;
    super(`${where}: ${detail}`, options);
    this.source = location.source;
    this.line = location.line;
    this.field = location.field;
  }
}
