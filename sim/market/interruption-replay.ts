/** Parse a file of Spot interruption times to replay instead of sampling them. */

/**
 * One interruption to replay: at `atMs`, the engine interrupts the oldest running Spot instance that matches
 * the type and zone when they are given (any Spot instance when not).
 */
export interface ReplayedInterruption {
  /** Termination time, epoch ms; the 2-minute warning comes 120 s before. */
  atMs: number;
  instanceType?: string;
  availabilityZone?: string;
  /** 1-based line in the source file, for messages about this entry. */
  line: number;
}

/** A replay file the simulator cannot use; the message names the source, the line and the field. */
export class InterruptionReplayError extends Error {
  readonly retryable = false;

  constructor(
    message: string,
    readonly source: string,
    readonly line: number,
    readonly field: 'timestamp' | 'instance_type' | 'availability_zone' | 'line',
  ) {
    super(`${source}:${line}: ${field}: ${message}`);
    this.name = 'InterruptionReplayError';
  }
}

const FIELDS = ['timestamp', 'instance_type', 'availability_zone'] as const;
// ISO-8601 with a date, a time and an explicit zone: a zone-less time would silently depend on the host's.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
const ZONE = /^([a-z]{2}(-[a-z]+)+-\d[a-z]|[a-z]{3,4}\d-az\d+)$/;

// Date.parse rolls 2026-02-30 over to March 2; a replay file with that date has a typo, not a plan.
const isCalendarDate = (text: string): boolean => {
  const [year = 0, month = 0, day = 0] = text.slice(0, 10).split('-').map(Number);
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
};

const parseTimestamp = (text: string, source: string, line: number): number => {
  const atMs = ISO_UTC.test(text) && isCalendarDate(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(atMs)) {
    throw new InterruptionReplayError(`'${text}' is not an ISO-8601 time with a zone (e.g. 2026-03-02T14:05:00Z)`, source, line, 'timestamp');
  }
  return atMs;
};

/**
 * Parse `timestamp[,instance_type[,availability_zone]]` lines (ISO-8601 times with a zone; `#` starts a comment
 * line; blank lines and a `timestamp,...` header are skipped; an empty field means "any"). Entries come back in
 * time order (file order among equal times).
 *
 * @example
 * parseInterruptionReplay('# drill\n2026-03-02T14:05:00Z,g5.xlarge,us-east-1a\n2026-03-02T15:00:00Z\n', 'drill.csv');
 * // [{ atMs: 1772460300000, instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', line: 2 }, { atMs: ..., line: 3 }]
 * @throws InterruptionReplayError naming the line and field of the first bad entry.
 */
export const parseInterruptionReplay = (text: string, source: string): ReplayedInterruption[] => {
  const entries: ReplayedInterruption[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const fields = content.split(',').map((field) => field.trim());
    if (fields.length > FIELDS.length) {
      throw new InterruptionReplayError(`${fields.length} fields, expected at most ${FIELDS.length} (${FIELDS.join(',')})`, source, line, 'line');
    }
    const [timestamp = '', instanceType = '', availabilityZone = ''] = fields;
    if (timestamp.toLowerCase() === 'timestamp' && entries.length === 0) return;
    const entry: ReplayedInterruption = { atMs: parseTimestamp(timestamp, source, line), line };
    if (instanceType !== '') {
      if (!INSTANCE_TYPE.test(instanceType)) throw new InterruptionReplayError(`'${instanceType}' is not an instance type (e.g. g5.xlarge)`, source, line, 'instance_type');
      entry.instanceType = instanceType;
    }
    if (availabilityZone !== '') {
      if (!ZONE.test(availabilityZone)) {
        throw new InterruptionReplayError(`'${availabilityZone}' is not an availability zone name or ID (e.g. us-east-1a, use1-az4)`, source, line, 'availability_zone');
      }
      entry.availabilityZone = availabilityZone;
    }
    entries.push(entry);
  });
  return entries.sort((a, b) => a.atMs - b.atMs);
};
