/** The inverse of the standard normal distribution: the z of a forecast quantile (z(0.9) = 1.2816). */

// Acklam's rational approximation (relative error below 1.2e-9 over (0, 1)): enough for capacity, and pure.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

const poly = (coefficients: number[], x: number): number => coefficients.reduce((acc, c) => acc * x + c, 0);

const tail = (p: number): number => {
  const q = Math.sqrt(-2 * Math.log(p));
  return poly(C, q) / (poly(D, q) * q + 1);
};

/**
 * The z with P(Z <= z) = p for a standard normal Z. Out-of-range probabilities do not throw: p <= 0 gives
 * -Infinity, p >= 1 gives +Infinity and NaN gives NaN, so a caller clamps where it needs to.
 *
 * @example normalQuantile(0.95) // 1.6449
 */
export const normalQuantile = (p: number): number => {
  if (Number.isNaN(p)) return Number.NaN;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < P_LOW) return tail(p);
  if (p > 1 - P_LOW) return -tail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
};
