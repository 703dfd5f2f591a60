/** Pacing of the alarm's actions: the capacity cooldown, repeat limits on rebalancer triggers, and the action itself. */
import type { ModifyFleetCapacityAction } from '../plan';
import type { GpuAlarmMemory, RebalanceTriggerReason } from './gpu-alarm-memory';
import type { GpuAlarmInput } from './gpu-alarm-types';
import { gpuAlarmWords } from './gpu-alarm-wording';

/** The cooldown in force after the last alarm capacity change: its end and why, or undefined when none holds. */
export const cooldownHold = (memory: GpuAlarmMemory, nowMs: number, cooldownMs: number): { untilMs: number; reason: string } | undefined => {
  const change = memory.lastCapacityChange;
  if (change === undefined) return undefined;
  const untilMs = change.atMs + cooldownMs;
  return untilMs > nowMs ? { untilMs, reason: gpuAlarmWords.cooldown(change, untilMs) } : undefined;
};

/** When the same rebalancer trigger was sent within the repeat interval, that time; otherwise undefined. */
export const recentRebalance = (input: GpuAlarmInput, reason: RebalanceTriggerReason): number | undefined => {
  const atMs = input.memory.rebalanceRequestedAtMs[reason];
  return atMs !== undefined && input.nowMs - atMs < input.settings.rebalanceRepeatSeconds * 1000 ? atMs : undefined;
};

/** The ModifyFleet the guard receives; the key is the event's, so a redelivered event asks for the same change. */
export const capacityAction = (input: GpuAlarmInput, purpose: 'scale-out' | 'scale-in', fromTotal: number, toTotal: number, reason: string): ModifyFleetCapacityAction => ({
  type: 'modify-fleet-capacity',
  fleetId: input.fleet.fleetId,
  purpose,
  fromTotal,
  toTotal,
  avoidPools: [],
  idempotencyKey: `gpu-alarm#${input.fleet.fleetId}#${input.signal.eventId}#${purpose}`,
  reason,
});
