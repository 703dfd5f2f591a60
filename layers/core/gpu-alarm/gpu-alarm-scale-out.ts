/** The high-utilization rule: the reactive safety net under the forecast, acting only when the queue falls behind. */
import type { GpuAlarmMemory } from './gpu-alarm-memory';
import { capacityAction, cooldownHold } from './gpu-alarm-pacing';
import { queueAgeTrend, unitBoundsOf, unitsForLoad } from './gpu-alarm-need';
import type { GpuAlarmInput, RuleOutcome } from './gpu-alarm-types';
import { gpuAlarmWords, needText } from './gpu-alarm-wording';

/**
 * High utilization in ALARM. With the oldest message's age growing, scale out now to what brings utilization back
 * to the target and drains the backlog within backlogDrainSeconds (arrivals unknown: the saturated fleet's fulfilled
 * capacity stands for them), and to the forecast's lead need if higher, capped at the fleet maximum. With the age flat
 * or shrinking the fleet keeps up: hold (the forecast or an earlier action covers it). Open Spot incidents never hold
 * a scale-out back; a cooldown does (a second step before the first serves would count the backlog twice), and asks
 * to be rechecked when it ends. A scale-out asks for a recheck when its own cooldown ends too: CloudWatch sends nothing
 * while the alarm stays in ALARM, so a ramp steeper than one step would otherwise wait for the next state change. The
 * rechecks end by themselves once the queue keeps up or the fleet is at its maximum (a hold asks for none).
 */
export const decideScaleOut = (input: GpuAlarmInput, memory: GpuAlarmMemory, cooldownMs: number, targetUnits: number): RuleOutcome => {
  const { load, settings, nowMs } = input;
  const trend = queueAgeTrend(load, settings);
  const earlier = load.oldestMessageAgeEarlierSeconds ?? 0;
  const now = load.oldestMessageAgeSeconds ?? 0;
  if (trend === 'unknown') return { reasons: [gpuAlarmWords.queueAgeUnknown()] };
  if (trend === 'flat-or-shrinking') return { reasons: [gpuAlarmWords.queueAgeFlat(earlier, now)] };
  const fulfilled = Number.isFinite(input.fulfilledUnits) ? Math.max(0, input.fulfilledUnits) : 0;
  const arrivalQps = load.arrivalQps !== undefined && Number.isFinite(load.arrivalQps) ? load.arrivalQps : undefined;
  const loadUnits = unitsForLoad(arrivalQps ?? fulfilled, load, settings);
  const needUnits = Math.max(loadUnits, input.forecastLeadUnits ?? 0);
  const { minUnits, maxUnits } = unitBoundsOf(input.fleet);
  const toUnits = Math.min(maxUnits, Math.max(minUnits, needUnits));
  if (toUnits <= targetUnits) return { reasons: [gpuAlarmWords.targetCovers(targetUnits, fulfilled, needUnits)] };
  const cooldown = cooldownHold(memory, nowMs, cooldownMs);
  if (cooldown !== undefined) return { reasons: [cooldown.reason], recheckAtMs: cooldown.untilMs };
  const need = needText(arrivalQps, load.backlog, loadUnits, settings.targetUtilization, input.forecastLeadUnits);
  const reason = gpuAlarmWords.scaleOut(targetUnits, toUnits, earlier, now, need, needUnits > maxUnits ? maxUnits : undefined);
  return { action: capacityAction(input, 'scale-out', targetUnits, toUnits, reason), reasons: [reason], recheckAtMs: nowMs + cooldownMs };
};
