/** Turns a follow-up name into a valid EventBridge Scheduler schedule name, keeping distinct names distinct. */

// CreateSchedule: Name, length 1-64, pattern ^[0-9a-zA-Z-_.]+$ (EventBridge Scheduler API reference).
const VALID_NAME = /^[0-9a-zA-Z_.-]{1,64}$/;
const MAX_LENGTH = 64;

/**
 * A valid name is kept as it is. Any other is cleaned (disallowed characters become `-`), cut to fit, and given
 * a hash of the original, so two names that clean or cut to the same text still get two schedules.
 *
 * @example
 * toScheduleName('drain-timeout:i-0123456789abcdef0'); // 'drain-timeout-i-0123456789abcdef0-455d8de7'
 */
export const toScheduleName = (name: string): string => {
  if (VALID_NAME.test(name)) return name;
  const suffix = `-${fnv1a32(name)}`;
  const cleaned = name.replace(/[^0-9a-zA-Z_.-]/g, '-');
  return cleaned.slice(0, MAX_LENGTH - suffix.length) + suffix;
};

// FNV-1a over UTF-16 code units: tiny, stable across runtimes, and enough to tell follow-up names apart.
const fnv1a32 = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
};
