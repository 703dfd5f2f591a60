/** The forecasting peer of the accuracy bench: augurs MSTL (daily and weekly periods, AutoETS trend), in WASM. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, MSTL } from '@bsull/augurs/mstl';

let loaded = false;

// The package's default init fetches the WASM by URL, which Node cannot; read the file beside the module instead.
const load = (): void => {
  if (loaded) return;
  const mstlJs = createRequire(import.meta.url).resolve('@bsull/augurs/mstl');
  initSync({ module: readFileSync(mstlJs.replace(/mstl\.js$/, 'mstl_bg.wasm')) });
  loaded = true;
};

/** The peer's point forecast and its interval at `level` (0.9: the 5% and 95% bounds). */
export interface PeerForecast {
  point: number[];
  lower: number[];
  upper: number[];
}

/**
 * Fit MSTL on `values` (no gaps: the caller fills them) with the given periods and predict `steps` ahead.
 *
 * @throws the peer's own error when it finds no model (e.g. "trend model error: no model found")
 */
export const mstlForecast = (values: Float64Array, periods: number[], steps: number, level = 0.9): PeerForecast => {
  load();
  const model = MSTL.ets(periods);
  try {
    model.fit(values);
    const forecast = model.predict(steps, level);
    return { point: forecast.point, lower: forecast.intervals?.lower ?? forecast.point, upper: forecast.intervals?.upper ?? forecast.point };
  } finally {
    model.free();
  }
};
