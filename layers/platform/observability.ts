/** Observability singletons (Powertools Logger), created once per cold start. */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LoggerPort } from '../ports/logger-port';

/** The service logger: JSON lines, level from POWERTOOLS_LOG_LEVEL, service from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: 'gpu-fleet-autopilot' });

/** The app's LoggerPort over Powertools' Logger (extra keys become top-level JSON keys of the line). */
export const loggerPort: LoggerPort = {
  debug: (message, extra) => (extra ? logger.debug(message, extra) : logger.debug(message)),
  info: (message, extra) => (extra ? logger.info(message, extra) : logger.info(message)),
  warn: (message, extra) => (extra ? logger.warn(message, extra) : logger.warn(message)),
  error: (message, extra) => (extra ? logger.error(message, extra) : logger.error(message)),
};
