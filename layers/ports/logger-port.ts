/** The logging the app needs; the platform passes Powertools' Logger, tests pass a recorder. */

export interface LoggerPort {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}
