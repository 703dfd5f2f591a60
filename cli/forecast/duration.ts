/** Durations as people type them on a command line (`6h`, `5m`, `90s`, `1d`, `1h30m`), to seconds. */

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const PART = /(\d+(?:\.\d+)?)([smhd])/g;
const WHOLE = /^(?:\d+(?:\.\d+)?[smhd])+$/;

/**
 * Seconds in `text`: one or more `<number><unit>` parts, units s, m (minutes), h, d; undefined when `text` is not
 * such a duration (a bare number is refused: `6` could mean hours or steps).
 *
 * @example
 * ```ts
 * parseDuration('6h');    // 21600
 * parseDuration('1h30m'); // 5400
 * parseDuration('6');     // undefined
 * ```
 */
export const parseDuration = (text: string): number | undefined => {
  const trimmed = text.trim().toLowerCase();
  if (!WHOLE.test(trimmed)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) seconds += Number(amount) * (UNIT_SECONDS[unit ?? 's'] ?? 1);
  return seconds;
};
