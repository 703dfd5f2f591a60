/** Accuracy measures of the forecast bench: MASE (Hyndman and Koehler 2006, seasonal scale) and sMAPE. */

/**
 * The MASE scale of one origin: the mean absolute error of seasonal-naive (one day back) over the history the
 * forecast was fitted on, pairs with a gap skipped. Undefined when it is 0 or has no pair (nothing to scale by).
 */
export const naiveScale = (values: readonly (number | undefined)[], from: number, to: number, daily: number): number | undefined => {
  let sum = 0;
  let count = 0;
  for (let i = Math.max(from + daily, daily); i < to; i += 1) {
    const a = values[i];
    const b = values[i - daily];
    if (a === undefined || b === undefined) continue;
    sum += Math.abs(a - b);
    count += 1;
  }
  return count > 0 && sum > 0 ? sum / count : undefined;
};

/** Symmetric absolute percentage error of one forecast, in percent (0 when both are 0). */
export const smape = (actual: number, forecast: number): number => {
  const denominator = Math.abs(actual) + Math.abs(forecast);
  return denominator > 0 ? (200 * Math.abs(actual - forecast)) / denominator : 0;
};

/** Running sums of one model at one horizon. */
export class ErrorTally {
  private scaled = 0;
  private percent = 0;
  private covered = 0;
  private intervals = 0;
  count = 0;

  add(actual: number, forecast: number, scale: number, interval?: { lower: number; upper: number }): void {
    this.scaled += Math.abs(actual - forecast) / scale;
    this.percent += smape(actual, forecast);
    this.count += 1;
    if (interval) {
      this.intervals += 1;
      if (actual >= interval.lower && actual <= interval.upper) this.covered += 1;
    }
  }

  /** Mean absolute scaled error over the origins. */
  get mase(): number {
    return this.count > 0 ? this.scaled / this.count : Number.NaN;
  }

  get smape(): number {
    return this.count > 0 ? this.percent / this.count : Number.NaN;
  }

  /** Share of actuals inside the 90% interval, when the model gives one. */
  get coverage90(): number | undefined {
    return this.intervals > 0 ? this.covered / this.intervals : undefined;
  }
}
