/** Double-seasonal Holt-Winters (Taylor 2003): level, daily and weekly indices, AR(1) on the one-step error. */

/** Smoothing weights: level (alpha), daily (delta), weekly (omega), and the AR(1) coefficient of the error (phi). */
export interface HwParams {
  alpha: number;
  delta: number;
  omega: number;
  phi: number;
}

/** The model's state after a step; `weekly` is empty for the daily-only model. */
export interface HwState {
  level: number;
  daily: Float64Array;
  weekly: Float64Array;
  /** Phase of the next step within the day and the week. */
  dayPhase: number;
  weekPhase: number;
  /** Error of the base forecast (level + indices) at the last step, after clipping: what the AR term carries. */
  lastError: number;
  /** Running mean absolute one-step error: the unit in which outliers are clipped. */
  scale: number;
  /** Smallest scale allowed, so a noise-free history does not clip a later real change to nothing. */
  scaleFloor: number;
}

/** What a run keeps per step, for in-sample errors at every horizon. */
export interface HwTrace {
  level: Float64Array;
  /** The daily / weekly index written at each step (for its phase). */
  daily: Float64Array;
  weekly: Float64Array;
  error: Float64Array;
}

/** One-step errors beyond HUBER_K mean absolute errors are clipped before they update the state. */
export const HUBER_K = 4;
// The clipping scale follows the errors with a memory of about 20 steps: a level shift raises it within hours.
const SCALE_RATE = 0.05;

/** A copy of a state, so a run never alters the state it started from. */
export const copyState = (s: HwState): HwState => ({ ...s, daily: s.daily.slice(), weekly: s.weekly.slice() });

/**
 * Run the recursion over `y` (NaN = gap), updating `state` in place, and return the sum of the Huber loss of the
 * one-step errors (squared within the clip, linear beyond it) and how many steps it covers. For each of
 * `horizons` the loss also counts the error of the forecast made that many steps earlier (its clip widened by
 * sqrt(h)): fitted on one-step errors alone, the level chases every wiggle and the forecast hours ahead suffers.
 *
 * Each step forecasts `level + daily + weekly + phi * lastError`. The one-step error beyond HUBER_K times the
 * running scale is clipped, so a spike moves the state by at most that much; a lasting shift keeps hitting the
 * clip, which raises the scale, so the level follows within hours. A gap is forecast and not updated: its error
 * is the AR term's expectation, and the state carries on from the fitted value.
 */
export const runHoltWinters = (
  y: Float64Array,
  state: HwState,
  p: HwParams,
  trace?: HwTrace,
  horizons: readonly number[] = [],
): { loss: number; count: number } => {
  const ring = horizons.length > 0 ? Math.max(...horizons) + 1 : 1;
  const levels = new Float64Array(ring);
  const errors = new Float64Array(ring);
  const lags = Int32Array.from(horizons);
  const powers = Float64Array.from(horizons, (h) => p.phi ** h);
  const widen = Float64Array.from(horizons, (h) => Math.sqrt(h));
  const { alpha, delta, omega, phi } = p;
  const { daily, weekly } = state;
  const m1 = daily.length;
  const m2 = weekly.length;
  let { level, dayPhase, weekPhase, lastError, scale } = state;
  const floor = state.scaleFloor;
  let loss = 0;
  let count = 0;
  let slot = 0;
  for (let t = 0; t < y.length; t += 1) {
    const w = m2 > 0 ? (weekly[weekPhase] as number) : 0;
    const d = daily[dayPhase] as number;
    const value = y[t] as number;
    let error = phi * lastError;
    if (value === value) {
      const residual = value - level - d - w - error;
      const limit = HUBER_K * scale;
      const abs = residual < 0 ? -residual : residual;
      loss += abs <= limit ? abs * abs : limit * (2 * abs - limit);
      count += 1;
      for (let k = 0; k < lags.length; k += 1) {
        const h = lags[k] as number;
        if (t < h) continue;
        const at = slot >= h ? slot - h : slot - h + ring;
        const r = value - ((levels[at] as number) + d + w + (powers[k] as number) * (errors[at] as number));
        const a = r < 0 ? -r : r;
        const lim = limit * (widen[k] as number);
        loss += a <= lim ? a * a : lim * (2 * a - lim);
      }
      const clipped = abs <= limit ? residual : residual < 0 ? -limit : limit;
      error += clipped;
      scale += SCALE_RATE * ((clipped < 0 ? -clipped : clipped) - scale);
      if (scale < floor) scale = floor;
      level += alpha * error;
      daily[dayPhase] = d + delta * error;
      if (m2 > 0) weekly[weekPhase] = w + omega * error;
    }
    lastError = error;
    levels[slot] = level;
    errors[slot] = error;
    slot = slot + 1 === ring ? 0 : slot + 1;
    if (trace) {
      trace.level[t] = level;
      trace.daily[t] = daily[dayPhase] as number;
      trace.weekly[t] = m2 > 0 ? (weekly[weekPhase] as number) : 0;
      trace.error[t] = error;
    }
    dayPhase = dayPhase + 1 === m1 ? 0 : dayPhase + 1;
    if (m2 > 0) weekPhase = weekPhase + 1 === m2 ? 0 : weekPhase + 1;
  }
  Object.assign(state, { level, dayPhase, weekPhase, lastError, scale });
  return { loss, count };
};

/** Point forecasts for the next `steps` steps from a state (on the model's scale, before any back-transform). */
export const forecastFromState = (s: HwState, p: HwParams, steps: number): number[] => {
  const out: number[] = [];
  const m1 = s.daily.length;
  const m2 = s.weekly.length;
  let ar = s.lastError;
  for (let h = 0; h < steps; h += 1) {
    ar *= p.phi;
    const w = m2 > 0 ? (s.weekly[(s.weekPhase + h) % m2] as number) : 0;
    out.push(s.level + (s.daily[(s.dayPhase + h) % m1] as number) + w + ar);
  }
  return out;
};
