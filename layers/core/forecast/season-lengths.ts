/** The daily and weekly season lengths of a demand series, in steps, when its step divides a day. */

const DAY_SECONDS = 86_400;

/** Steps per day and per week, or why the series has no usable cycle. */
export type SeasonLengths = { daily: number; weekly: number } | { reason: string };

/**
 * Season lengths follow from the step: 86,400 / stepSeconds steps a day, seven times that a week.
 * A step that does not divide a day has no whole number of steps per day, so a seasonal index would drift a
 * little every day: such series get no seasonal model, and the caller says so.
 *
 * @example
 * ```ts
 * seasonLengths(300); // { daily: 288, weekly: 2016 }
 * seasonLengths(700); // { reason: 'a step of 700 s does not divide a day' }
 * ```
 */
export const seasonLengths = (stepSeconds: number): SeasonLengths => {
  if (!(stepSeconds > 0) || !Number.isFinite(stepSeconds)) return { reason: `a step of ${stepSeconds} s is not a positive duration` };
  const daily = DAY_SECONDS / stepSeconds;
  if (!Number.isInteger(daily)) return { reason: `a step of ${stepSeconds} s does not divide a day` };
  if (daily < 2) return { reason: `a step of ${stepSeconds} s leaves no cycle within a day` };
  return { daily, weekly: 7 * daily };
};
