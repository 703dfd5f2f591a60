// The error the catalog generator raises when a shared data file is missing or has changed shape.

/** A shared data file could not be read or no longer has the shape the generator was written against. */
export class CatalogSourceError extends Error {
  /** Re-running does not help: the data set or the generator must change. */
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CatalogSourceError';
  }
}
