/** The words of a memory recommendation: what is used, what fits, what it costs, and what the other precision would pick. */
import type { Precision } from '../fleet';
import type { MemoryRecommendation, TypeChoice } from './gpu-memory-recommendation';

const gib = (value: number): string => `${Number(value.toFixed(1))} GiB`;
const usd = (value: number): string => `$${value.toFixed(2)}/h`;
const precisionName = (p: Precision): string => p.toUpperCase();
const otherOf = (p: Precision): Precision => (p === 'fp16' ? 'int8' : 'fp16');

/** "g6.xlarge x2 (22.4 GiB, 355.9 QPS each) at $1.61/h, $2.26 per 1000 QPS-hours" */
export const choiceText = (c: TypeChoice): string =>
  `${c.instanceType} x${c.instances} (${gib(c.gpuMemoryGiB)}, ${Number(c.qpsPerInstance.toFixed(1))} QPS each) at ${usd(c.usdPerHour)}, ` +
  `$${(c.usdPerQpsHour * 1000).toFixed(2)} per 1000 QPS-hours`;

/** What the other precision changes, in one clause. */
export const precisionVerdictText = (rec: MemoryRecommendation, precision: Precision): string => {
  const other = otherOf(precision);
  const alternative = rec.byPrecision[other];
  if (alternative === undefined) return `${precisionName(other)} engines would not change the choice (no type fits or no data for them)`;
  if (!rec.precisionChangesChoice) return `${precisionName(other)} engines would choose the same type (${choiceText(alternative)})`;
  return `${precisionName(other)} engines would change the choice to ${choiceText(alternative)}`;
};

/**
 * One paragraph for the ledger and Slack.
 *
 * @example
 * // 'about 14.4 GiB of GPU memory in use per GPU; a type needs 18 GiB (FP16) or 18 GiB (INT8) with headroom.
 * //  For 600 units at FP16: g6e.xlarge x1 (...) at $1.86/h ...; INT8 engines would change the choice to g6.xlarge x2 (...);
 * //  the fleet's own cheapest, p3.2xlarge x3 (...) at $9.18/h'
 */
export const memoryRecommendationText = (rec: MemoryRecommendation, precision: Precision): string => {
  const head =
    `about ${gib(rec.usedGiB)} of GPU memory in use per GPU; a type needs ${gib(rec.neededGiB.fp16)} (FP16) or ` +
    `${gib(rec.neededGiB.int8)} (INT8) with headroom`;
  const choice =
    rec.recommended === undefined
      ? `no catalog type with enough memory serves the model at ${precisionName(precision)}`
      : `for ${rec.needUnits} units at ${precisionName(precision)}: ${choiceText(rec.recommended)}`;
  const current = rec.current === undefined ? '' : `; the fleet's own cheapest, ${choiceText(rec.current)}`;
  return `${head}. ${choice}; ${precisionVerdictText(rec, precision)}${current}`;
};
