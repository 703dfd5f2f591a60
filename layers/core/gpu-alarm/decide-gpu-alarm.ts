/** The gpu-alarm decision: from one GPU alarm state change, the capacity change, rebalancer trigger, incident and notices. */
import type { GpuAlarmMemory } from './gpu-alarm-memory';
import { anyAlarmIn, rememberSignal, signalStanding } from './gpu-alarm-memory';
import { decideMemoryPressure } from './gpu-alarm-memory-pressure';
import { incidentStep } from './gpu-alarm-incident';
import { decideScaleIn } from './gpu-alarm-scale-in';
import { decideScaleOut } from './gpu-alarm-scale-out';
import { capacityCooldownMs } from './gpu-alarm-settings';
import type { GpuAlarmDecision, GpuAlarmInput, GpuAlarmNotice, RuleOutcome } from './gpu-alarm-types';
import { gpuAlarmWords } from './gpu-alarm-wording';

const unchanged = (input: GpuAlarmInput, reason: string): GpuAlarmDecision => ({ actions: [], notices: [], memory: input.memory, reasons: [reason] });

const ruleFor = (input: GpuAlarmInput, memory: GpuAlarmMemory, cooldownMs: number, targetUnits: number): RuleOutcome => {
  const { signal } = input;
  if (signal.state === 'OK') return { reasons: [gpuAlarmWords.ok(signal.kind)] };
  if (signal.state === 'INSUFFICIENT_DATA') return { reasons: [] };
  switch (signal.kind) {
    case 'gpu-low':
      return decideScaleIn(input, memory, cooldownMs, targetUnits);
    case 'gpu-high':
      return decideScaleOut(input, memory, cooldownMs, targetUnits);
    case 'gpu-memory-high':
      return decideMemoryPressure(input, targetUnits);
  }
};

/**
 * Missing datapoints on a fleet that targets capacity are an alert (the agent or exporter is down), once per outage;
 * on a fleet at 0 units they are expected. The first datapoint back, with no alarm of the fleet still missing data,
 * says so.
 */
const dataStep = (input: GpuAlarmInput, memory: GpuAlarmMemory, targetUnits: number): { memory: GpuAlarmMemory; notices: GpuAlarmNotice[]; reasons: string[] } => {
  const { signal, fleet, nowMs } = input;
  const alertedAtMs = memory.dataMissingAlertedAtMs;
  if (signal.state === 'INSUFFICIENT_DATA') {
    if (targetUnits <= 0) return { memory, notices: [], reasons: [gpuAlarmWords.dataExpected()] };
    if (alertedAtMs !== undefined) return { memory, notices: [], reasons: [gpuAlarmWords.dataAlerted(alertedAtMs)] };
    const notice: GpuAlarmNotice = {
      kind: 'data-missing',
      fleetName: fleet.name,
      alarmKind: signal.kind,
      sinceMs: signal.stateChangedAtMs,
      targetUnits,
      fulfilledUnits: Number.isFinite(input.fulfilledUnits) ? input.fulfilledUnits : 0,
      cloudwatchReason: signal.reason,
    };
    return { memory: { ...memory, dataMissingAlertedAtMs: nowMs }, notices: [notice], reasons: [gpuAlarmWords.dataMissing(targetUnits)] };
  }
  if (alertedAtMs === undefined || anyAlarmIn(memory, 'INSUFFICIENT_DATA')) return { memory, notices: [], reasons: [] };
  const { dataMissingAlertedAtMs: _cleared, ...rest } = memory;
  const notice: GpuAlarmNotice = { kind: 'data-restored', fleetName: fleet.name, alarmKind: signal.kind, missingSinceMs: alertedAtMs, restoredAtMs: signal.stateChangedAtMs };
  return { memory: rest, notices: [notice], reasons: [gpuAlarmWords.dataRestored()] };
};

/** The memory after the decision: the alarm's incident, the change decided (the cooldown starts) and the trigger sent. */
const settle = (input: GpuAlarmInput, memory: GpuAlarmMemory, rule: RuleOutcome, openIncidentId: string | undefined): GpuAlarmMemory => {
  const { signal, nowMs } = input;
  const known = memory.kinds[signal.kind];
  const next: GpuAlarmMemory = { ...memory, kinds: { ...memory.kinds }, rebalanceRequestedAtMs: { ...memory.rebalanceRequestedAtMs } };
  if (known !== undefined) {
    const { incidentId: _previous, ...entry } = known;
    next.kinds[signal.kind] = openIncidentId === undefined ? entry : { ...entry, incidentId: openIncidentId };
  }
  const action = rule.action;
  if (action !== undefined && (action.purpose === 'scale-out' || action.purpose === 'scale-in')) {
    next.lastCapacityChange = { atMs: nowMs, purpose: action.purpose, fromUnits: action.fromTotal, toUnits: action.toTotal, eventId: signal.eventId };
    if (action.purpose === 'scale-out') next.lastScaleOutAtMs = nowMs;
  }
  if (rule.rebalance !== undefined) next.rebalanceRequestedAtMs[rule.rebalance.reason] = nowMs;
  return next;
};

/**
 * Decide what one GPU alarm state change asks for.
 *
 * - gpu-low ALARM: scale in toward the need after hysteresis and cooldown (decideScaleIn); at the minimum and idle,
 *   a rebalancer trigger 'oversized-at-minimum'.
 * - gpu-high ALARM: scale out now when the queue age grows, else hold (decideScaleOut).
 * - gpu-memory-high ALARM: a type recommendation per precision and a trigger 'memory-pressure' (decideMemoryPressure).
 * - OK closes the alarm's incident; INSUFFICIENT_DATA is an alert once per outage (expected at 0 units), never a
 *   scale trigger.
 * - A redelivered event changes nothing; an event older than the state already known is ignored.
 *
 * Pure and total: the same input gives the same decision; expected situations return a decision with a reason.
 *
 * @example
 * const decision = decideGpuAlarm({ signal, fleet, nowMs, load, targetUnits: 1200, fulfilledUnits: 1200,
 *   openIncidentIds: [], memory, settings: gpuAlarmSettingsOf(fleet), catalog: gpuTypeOptionsFor(fleet) });
 * // decision.actions[0]?.purpose === 'scale-out'; save decision.memory; guard decision.actions
 */
export const decideGpuAlarm = (input: GpuAlarmInput): GpuAlarmDecision => {
  const { signal, fleet, memory, nowMs } = input;
  if (signal.fleetName !== fleet.name) return unchanged(input, `the alarm ${signal.alarmName} is not about fleet ${fleet.name}: ignored`);
  const standing = signalStanding(memory, signal);
  if (standing === 'duplicate') return unchanged(input, gpuAlarmWords.duplicate(signal.eventId));
  if (standing === 'stale') {
    const known = memory.kinds[signal.kind];
    return unchanged(input, gpuAlarmWords.stale(signal.kind, signal.state, signal.stateChangedAtMs, known?.state ?? '?', known?.sinceMs ?? 0));
  }
  const targetUnits = Number.isFinite(input.targetUnits) ? Math.max(0, Math.floor(input.targetUnits)) : 0;
  const remembered = rememberSignal(memory, signal, nowMs, memory.kinds[signal.kind]?.incidentId);
  const rule = ruleFor(input, remembered, capacityCooldownMs(fleet, input.settings), targetUnits);
  const data = dataStep(input, remembered, targetUnits);
  const reasons = [...rule.reasons, ...data.reasons];
  const step = incidentStep(signal, memory, fleet, nowMs, reasons.join('; '));
  const notices: GpuAlarmNotice[] = [...data.notices, ...(rule.notices ?? [])];
  const action = rule.action;
  if (action !== undefined && (action.purpose === 'scale-out' || action.purpose === 'scale-in')) {
    notices.push({ kind: 'capacity-change', fleetName: fleet.name, alarmKind: signal.kind, purpose: action.purpose, fromUnits: action.fromTotal, toUnits: action.toTotal, reason: action.reason });
  }
  return {
    actions: action === undefined ? [] : [action],
    ...(rule.rebalance === undefined ? {} : { rebalance: rule.rebalance }),
    ...(step.transition === undefined ? {} : { incident: step.transition }),
    notices,
    ...(rule.recheckAtMs === undefined ? {} : { recheckAtMs: rule.recheckAtMs }),
    memory: settle(input, data.memory, rule, step.openIncidentId),
    reasons,
  };
};
