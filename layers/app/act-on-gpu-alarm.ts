/** One GPU alarm decided and acted on for one fleet, under its lock: read, decide, guard, act, record, tell, remember. */
import type { FleetConfig } from '../core/fleet';
import { decideGpuAlarm } from '../core/gpu-alarm/decide-gpu-alarm';
import { emptyGpuAlarmMemory, type GpuAlarmMemory, type RebalanceTriggerReason } from '../core/gpu-alarm/gpu-alarm-memory';
import { renderGpuAlarmNotice } from '../core/gpu-alarm/gpu-alarm-message';
import { gpuAlarmSettingsOf } from '../core/gpu-alarm/gpu-alarm-settings';
import type { AlarmStateValue, GpuAlarmKind } from '../core/gpu-alarm/gpu-alarm-signal';
import type { AlarmIncidentTransition, GpuAlarmDecision, GpuAlarmNotice } from '../core/gpu-alarm/gpu-alarm-types';
import { gpuTypeOptionsFor } from '../core/gpu-alarm/gpu-type-options';
import type { GpuAlarmTrigger } from '../core/gpu-alarm-trigger';
import { applyCapacityChange, type CapacityChangeOutcome } from './apply-capacity-change';
import { deliverChatMessages } from './deliver-chat-messages';
import { messageOf } from './errors';
import type { GpuAlarmDeps } from './gpu-alarm-deps';
import { recheckSignalOf, scheduleRecheck } from './gpu-alarm-rechecks';
import { forecastLeadUnitsOf, readGpuAlarmLoad } from './read-gpu-alarm-load';
import { recordAlarmIncident } from './record-alarm-incident';
import { rememberScaleIn, scaleInBudgetOf } from './scale-in-budget';

export interface GpuAlarmOutcome {
  fleet: string;
  alarm: GpuAlarmKind;
  state: AlarmStateValue;
  /** `held`: no capacity change asked; `superseded`: a recheck of a state the alarm has since left. */
  status: 'applied' | 'dry-run' | 'blocked' | 'failed' | 'held' | 'superseded';
  fromUnits: number;
  toUnits: number;
  reason: string;
  recheckAtMs?: number;
  rebalance?: RebalanceTriggerReason;
  incident?: AlarmIncidentTransition['type'];
  /** Set when the change failed in a way a retry may fix: nothing was remembered, so the retry decides again. */
  retryableError?: string;
}

type ActionableTrigger = Exclude<GpuAlarmTrigger, { kind: 'ignored' }>;

const verdictOf = (outcome: CapacityChangeOutcome): string => {
  if (outcome.status === 'failed') return `failed: ${outcome.error ?? 'ModifyFleet refused'}`;
  const { verdict, note } = outcome.guarded;
  return verdict === 'execute' ? verdict : `${verdict}${note ? `: ${note}` : ''}`;
};

/** The capacity notice says what the guard and EC2 made of the change (its limits, dry-run, kill switch, a refusal). */
const told = (notice: GpuAlarmNotice, outcome: CapacityChangeOutcome | undefined): GpuAlarmNotice => {
  if (notice.kind !== 'capacity-change' || outcome === undefined) return notice;
  const effective = outcome.guarded.effective;
  const toUnits = effective.type === 'modify-fleet-capacity' ? effective.toTotal : notice.toUnits;
  return { ...notice, toUnits, verdict: verdictOf(outcome) };
};

/** A change the guard blocked or EC2 refused did not happen: its cooldown does not start. */
const remembered = (decided: GpuAlarmMemory, stored: GpuAlarmMemory, outcome: CapacityChangeOutcome | undefined): GpuAlarmMemory => {
  if (outcome?.status !== 'blocked' && outcome?.status !== 'failed') return decided;
  const { lastCapacityChange: _change, lastScaleOutAtMs: _out, ...rest } = decided;
  return {
    ...rest,
    ...(stored.lastCapacityChange === undefined ? {} : { lastCapacityChange: stored.lastCapacityChange }),
    ...(stored.lastScaleOutAtMs === undefined ? {} : { lastScaleOutAtMs: stored.lastScaleOutAtMs }),
  };
};

/**
 * A scale-in spends the fleet's hourly budget shared with the other scalers (kept in its forecast state) and, once
 * applied, is added to it. Failing to add it is logged, not thrown: the change is made and a retry must not repeat it.
 */
const applyDecision = async (deps: GpuAlarmDeps, fleet: FleetConfig, decision: GpuAlarmDecision, onDemandUnits: number, kind: GpuAlarmKind) => {
  const [action] = decision.actions;
  if (action === undefined || (action.purpose !== 'scale-out' && action.purpose !== 'scale-in')) return undefined;
  const nowMs = deps.clock.nowMs();
  const scaleIn = action.purpose === 'scale-in' ? await scaleInBudgetOf(deps.ledger, fleet, nowMs, action.fromTotal) : undefined;
  const outcome = await applyCapacityChange(deps, {
    fleet,
    purpose: action.purpose,
    fromUnits: action.fromTotal,
    toUnits: action.toTotal,
    onDemandUnits,
    idempotencyKey: action.idempotencyKey,
    reason: action.reason,
    recordUnder: decision.memory.kinds[kind]?.incidentId ?? `gpu-alarm#${fleet.fleetId}`,
    ...(scaleIn === undefined ? {} : { scaleIn }),
  });
  if (action.purpose === 'scale-in' && outcome.status === 'applied') {
    await rememberScaleIn(deps.ledger, fleet.fleetId, nowMs, action.fromTotal - outcome.toUnits).catch((error: unknown) =>
      deps.logger.error('recording the alarm scale-in in the hourly budget failed', { fleet: fleet.name, error: messageOf(error) }),
    );
  }
  return outcome;
};

/**
 * Decides the alarm (or its recheck) on fresh state and acts: the incident's record, the rebalance request, the
 * capacity change through the guard, the recheck, Slack (with what earlier events could not deliver), and last the
 * memory. A change that failed retryably returns before anything is remembered or told, so Lambda's retry decides
 * again from the same memory; after a change is made nothing else throws for a retry to repeat it.
 */
export const actOnGpuAlarm = async (deps: GpuAlarmDeps, fleet: FleetConfig, trigger: ActionableTrigger): Promise<GpuAlarmOutcome> => {
  const nowMs = deps.clock.nowMs();
  const stored = (await deps.ledger.getGpuAlarmMemory(fleet.fleetId)) ?? emptyGpuAlarmMemory(fleet.fleetId);
  const signal = trigger.kind === 'alarm' ? trigger.signal : recheckSignalOf(trigger, stored);
  if (signal === undefined) {
    const { kind, state } = trigger.kind === 'recheck' ? trigger.detail : trigger.signal;
    const reason = `recheck of ${kind} in ${state}: the alarm has left that state since (${stored.kinds[kind]?.state ?? 'unknown'} now)`;
    return { fleet: fleet.name, alarm: kind, state, status: 'superseded', fromUnits: 0, toUnits: 0, reason };
  }
  const { load, view } = await readGpuAlarmLoad(deps, fleet, nowMs);
  const forecastLeadUnits = forecastLeadUnitsOf(await deps.ledger.getForecastState(fleet.fleetId), nowMs, deps.config.forecastRunIntervalSeconds);
  const decision = decideGpuAlarm({
    signal,
    fleet,
    nowMs,
    load,
    targetUnits: view.totalTargetCapacity,
    fulfilledUnits: view.fulfilledCapacity,
    ...(forecastLeadUnits === undefined ? {} : { forecastLeadUnits }),
    openIncidentIds: await deps.ledger.listOpenIncidentIds(fleet.fleetId, nowMs),
    memory: stored,
    settings: gpuAlarmSettingsOf(fleet),
    catalog: gpuTypeOptionsFor(fleet),
  });
  await recordAlarmIncident(deps, fleet, signal, decision.incident);
  const { rebalance } = decision;
  if (rebalance !== undefined) {
    const { reason, detail, minGpuMemoryGiB } = rebalance;
    await deps.ledger.requestRebalance({ fleetId: fleet.fleetId, reason, detail, requestedAtMs: nowMs, eventId: signal.eventId, ...(minGpuMemoryGiB === undefined ? {} : { minGpuMemoryGiB }) });
    deps.logger.info('rebalance requested', { fleet: fleet.name, reason, detail });
  }
  const outcome = await applyDecision(deps, fleet, decision, view.onDemandTargetCapacity, signal.kind);
  const base = { fleet: fleet.name, alarm: signal.kind, state: signal.state, fromUnits: view.totalTargetCapacity, reason: decision.reasons.join('; ') };
  if (outcome?.status === 'failed' && outcome.retryable) return { ...base, status: 'failed', toUnits: view.totalTargetCapacity, retryableError: outcome.error ?? 'ModifyFleet failed' };
  const recheckAtMs = decision.recheckAtMs === undefined ? undefined : await scheduleRecheck(deps, fleet, signal, decision.recheckAtMs);
  // A change the guard held (kill switch, dry-run, budget, cooldown) is told once per alarm episode, not at every recheck.
  const episode = `${signal.kind}:${decision.memory.kinds[signal.kind]?.incidentId ?? ''}`;
  const held = outcome?.status === 'blocked' || outcome?.status === 'dry-run';
  const quiet = held && stored.heldToldFor === episode;
  const notices = quiet ? decision.notices.filter((n) => n.kind !== 'capacity-change') : decision.notices;
  const messages = notices.map((n) => renderGpuAlarmNotice(told(n, outcome), fleet.slackChannel));
  const unsent = await deliverChatMessages(deps, fleet.name, stored.unsent ?? [], messages);
  const { unsent: _delivered, heldToldFor: _told, ...memory } = remembered(decision.memory, stored, outcome);
  const heldToldFor = held ? episode : outcome?.status === 'applied' ? undefined : stored.heldToldFor;
  await deps.ledger.saveGpuAlarmMemory({ ...memory, version: stored.version, ...(unsent.length === 0 ? {} : { unsent }), ...(heldToldFor === undefined ? {} : { heldToldFor }) });
  const result: GpuAlarmOutcome = {
    ...base,
    status: outcome?.status === 'pending' || outcome?.status === 'skipped' ? 'failed' : (outcome?.status ?? 'held'),
    toUnits: outcome?.status === 'applied' ? outcome.toUnits : view.totalTargetCapacity,
    ...(recheckAtMs === undefined ? {} : { recheckAtMs }),
    ...(rebalance === undefined ? {} : { rebalance: rebalance.reason }),
    ...(decision.incident === undefined ? {} : { incident: decision.incident.type }),
  };
  deps.logger.info('gpu alarm decided', { ...result, guard: outcome?.guarded.note, notices: messages.length });
  return result;
};
