/** UTC calendar days as Cost Explorer writes them (`YYYY-MM-DD`), and their epoch-ms bounds. */

export const DAY_MS = 86_400_000;

/** The UTC day `ms` falls in. @example dayOf(Date.UTC(2026, 10, 29, 13)); // '2026-11-29' */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Midnight UTC starting `day`, epoch ms. @example dayStartMs('2026-11-29'); // Date.UTC(2026, 10, 29) */
export const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The day `n` days after `day` (before, for a negative `n`). @example addDays('2026-11-29', -30); // '2026-10-30' */
export const addDays = (day: string, n: number): string => dayOf(dayStartMs(day) + n * DAY_MS);
