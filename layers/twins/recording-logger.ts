/** A logger twin that keeps every line, for the replay's output and for tests that assert on logs. */
import type { LoggerPort } from '../ports/logger-port';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  extra?: Record<string, unknown>;
}

export class RecordingLogger implements LoggerPort {
  readonly lines: LogLine[] = [];

  debug(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'debug', message, ...(extra ? { extra } : {}) });
  }

  info(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, ...(extra ? { extra } : {}) });
  }

  warn(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, ...(extra ? { extra } : {}) });
  }

  error(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, ...(extra ? { extra } : {}) });
  }
}
