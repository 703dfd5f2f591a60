/** The low-utilization rule: shed capacity toward the need, slowly and only once the idleness has lasted. */
import type { GpuAlarmMemory } from './gpu-alarm-memory';
import { capacityAction, cooldownHold, recentRebalance } from './gpu-alarm-pacing';
import { loadNeedUnits, unitBoundsOf } from './gpu-alarm-need';
import type { GpuAlarmInput, RuleOutcome } from './gpu-alarm-types';
import { gpuAlarmWords, needText } from './gpu-alarm-wording';

const hold = (reason: string, recheckAtMs?: number): RuleOutcome => (recheckAtMs === undefined ? { reasons: [reason] } : { reasons: [reason], recheckAtMs });

/** A time-based reason not to scale in yet (sustain, quiet after high, cooldown), with when it ends. */
const notYet = (input: GpuAlarmInput, memory: GpuAlarmMemory, cooldownMs: number): RuleOutcome | undefined => {
  const { nowMs, settings } = input;
  const sinceMs = memory.kinds['gpu-low']?.sinceMs ?? input.signal.stateChangedAtMs;
  const sustainedAtMs = sinceMs + settings.lowSustainSeconds * 1000;
  if (sustainedAtMs > nowMs) return hold(gpuAlarmWords.lowTooRecent(sinceMs, settings.lowSustainSeconds, sustainedAtMs), sustainedAtMs);
  const quietMs = settings.quietAfterHighSeconds * 1000;
  if (memory.kinds['gpu-high']?.state === 'ALARM') return hold(gpuAlarmWords.highInAlarm(), nowMs + quietMs);
  const high = memory.lastHighAlarmAtMs;
  if (high !== undefined && high + quietMs > nowMs) return hold(gpuAlarmWords.highRecently(high, settings.quietAfterHighSeconds), high + quietMs);
  const out = memory.lastScaleOutAtMs;
  if (out !== undefined && out + quietMs > nowMs) return hold(gpuAlarmWords.scaleOutRecently(out, settings.quietAfterHighSeconds), out + quietMs);
  const cooldown = cooldownHold(memory, nowMs, cooldownMs);
  return cooldown === undefined ? undefined : hold(cooldown.reason, cooldown.untilMs);
};

/**
 * Low utilization in ALARM: scale in toward max(load + backlog need, forecast lead need), never below it nor the
 * fleet minimum, by at most maxScaleInFraction of the target per step, and only when the alarm has lasted
 * lowSustainSeconds, the high alarm and any alarm scale-out are quietAfterHighSeconds behind, the cooldown is over and
 * no Spot incident is open. At the minimum and still idle, the instances themselves are too big: the rebalancer is
 * asked for a smaller or cheaper type. A step that stops short of the need asks to be rechecked after the cooldown.
 */
export const decideScaleIn = (input: GpuAlarmInput, memory: GpuAlarmMemory, cooldownMs: number, targetUnits: number): RuleOutcome => {
  const { settings, load, nowMs } = input;
  const loadUnits = loadNeedUnits(load, settings);
  if (loadUnits === undefined) return hold(gpuAlarmWords.noLoad());
  const waiting = notYet(input, memory, cooldownMs);
  if (waiting !== undefined) return waiting;
  const { minUnits } = unitBoundsOf(input.fleet);
  const needUnits = Math.max(loadUnits, input.forecastLeadUnits ?? 0);
  const floorUnits = Math.max(needUnits, minUnits);
  const need = needText(load.arrivalQps, load.backlog, loadUnits, settings.targetUtilization, input.forecastLeadUnits);
  if (targetUnits <= floorUnits) {
    if (targetUnits > minUnits || needUnits >= minUnits) return hold(gpuAlarmWords.needCovers(targetUnits, floorUnits));
    const askedAtMs = recentRebalance(input, 'oversized-at-minimum');
    const reason = gpuAlarmWords.atMinimum(minUnits, needUnits);
    if (askedAtMs !== undefined) return hold(`${reason}; ${gpuAlarmWords.rebalanceRecent(askedAtMs)}`);
    return { reasons: [reason], rebalance: { reason: 'oversized-at-minimum', fleetId: input.fleet.fleetId, detail: `${reason} (${need})` } };
  }
  if (input.openIncidentIds.length > 0) return hold(gpuAlarmWords.incident(input.openIncidentIds), nowMs + cooldownMs);
  const fraction = Math.min(1, Math.max(0, settings.maxScaleInFraction));
  const maxStep = Math.floor(targetUnits * fraction + 1e-9);
  if (maxStep <= 0) return hold(gpuAlarmWords.stepTooSmall(targetUnits, fraction));
  const toUnits = Math.max(floorUnits, targetUnits - maxStep);
  const reason = gpuAlarmWords.scaleIn(targetUnits, toUnits, need, floorUnits, fraction);
  const action = capacityAction(input, 'scale-in', targetUnits, toUnits, reason);
  return toUnits > floorUnits ? { action, reasons: [reason], recheckAtMs: nowMs + cooldownMs } : { action, reasons: [reason] };
};
