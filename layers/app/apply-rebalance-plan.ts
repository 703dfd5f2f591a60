/** Acts on one rebalance decision: guard, new launch-template overrides, the first rolling replacement, ledger, Slack. */
import { poolKey, type FleetConfig, type Pool } from '../core/fleet';
import type { GuardedAction } from '../core/guard';
import type { GuardableAction, SetFleetOverridesAction, TagDrainAction } from '../core/plan';
import type { RebalanceDecision } from '../core/rebalance/decide-rebalance';
import { scorePool, scoringContextOf } from '../core/rebalance/pool-scoring';
import { targetPartsOf } from '../core/rebalancer/market-split';
import type { RebalanceNotice } from '../core/rebalancer/rebalance-notice';
import { recentStarts, type RebalanceState } from '../core/rebalancer/rebalance-state';
import { startMove, type ReplacementMove } from '../core/rebalancer/replacement-move';
import { afterStep } from './advance-replacement';
import { messageOf } from './errors';
import type { RebalanceOutcome } from './rebalance-outcome';
import { giveBackUnits } from './give-back-units';
import { drainStep } from './move-release-step';
import { surgeAction, surgeStep, withSurge } from './move-surge-step';
import type { RebalanceReading } from './read-rebalance-input';
import { modifyFleet, recordStep } from './rebalance-fleet-calls';
import type { RebalanceDeps } from './rebalance-deps';
import { guardFleetAction } from './guard-fleet-action';
import { saveRebalanceState, tellAndSave, withNotices } from './rebalance-notices';
import { launchPoolsChanged, planNotice, planRecordValues } from './rebalance-plan-notice';

/**
 * Holds after which the plan still steers launches: a new order moves nothing running and costs one ModifyFleet, so it
 * is worth it even when no replacement is worth its churn (else new launches go where it was cheapest hours ago).
 */
const STEERING_HOLDS = new Set([undefined, 'on-mix', 'replacement-limit', 'saving-below-threshold']);

const executes = (g: GuardedAction<GuardableAction> | undefined): boolean =>
  g?.verdict === 'execute' && !(g.effective.type === 'modify-fleet-capacity' && g.action.type === 'modify-fleet-capacity' && g.effective.toTotal !== g.action.toTotal);

/**
 * Overrides change when the plan's launch order does and the plan is not held for an incident or a lack of pools
 * (once per plan: the next plan finds them set); a mere reorder is recorded, not told. The first replacement (one at a
 * time) starts when the plan has one. Each goes through the guard: a dry-run or blocked plan changes nothing and is
 * told once (not at every run); a surge the fleet maximum would cut is not started. Port errors a retry may fix
 * propagate (Lambda retries; the saved `surging` move makes that safe).
 */
export const applyRebalancePlan = async (deps: RebalanceDeps, fleet: FleetConfig, state: RebalanceState, reading: RebalanceReading, decision: RebalanceDecision, why: string): Promise<RebalanceOutcome> => {
  const { plan, marketMode } = decision;
  const { view, instances } = reading;
  const nowMs = deps.clock.nowMs();
  const { heldForIncident: _held, replanAtMs: _replan, ...kept } = state;
  const base: RebalanceState = { ...kept, marketMode, lastPlannedAtMs: nowMs, replacementStartsMs: recentStarts(state.replacementStartsMs, nowMs) };
  const modeChange = (state.marketMode?.mode ?? 'spot') !== marketMode.mode ? marketMode.reason : undefined;
  const overrides = STEERING_HOLDS.has(plan.hold) && plan.overridesChanged ? plan.overrides : undefined;
  const first = plan.hold === undefined ? plan.replacements[0] : undefined;
  const byKey = new Map(decision.pools.map((p) => [p.key, p]));
  const ctx = scoringContextOf(reading.input);
  const usdPerHourOf = (pool: Pool): number => (byKey.get(poolKey(pool)) ?? scorePool(ctx, pool)).usdPerHour;
  const parts = targetPartsOf(view);
  const move: ReplacementMove | undefined = first && { ...startMove({ fleet, replacement: first, usdPerHourOf, reason: plan.reason, demandUnits: reading.input.demandUnits, startTotal: parts.total, nowMs }), knownInstanceIds: instances.map((i) => i.instanceId) };
  const drainAction = (m: ReplacementMove): TagDrainAction => ({ type: 'tag-drain', instanceId: m.instanceId, incidentId: m.moveId, deadlineMs: nowMs + deps.config.drainSeconds * 1000, drainReason: 'rebalance-move', idempotencyKey: `${m.moveId}#drain`, reason: m.reason });
  const startGuard = move && (await guardFleetAction<GuardableAction>(deps, fleet, move.surgeUnits > 0 ? surgeAction(fleet.fleetId, move, parts) : drainAction(move)));
  const overridesAction: SetFleetOverridesAction | undefined = overrides && { type: 'set-fleet-overrides', fleetId: fleet.fleetId, fromOverrides: view.overrides, overrides, idempotencyKey: `overrides#${fleet.fleetId}#${nowMs}`, reason: plan.reason };
  const overridesGuard = overridesAction && (await guardFleetAction<GuardableAction>(deps, fleet, overridesAction));
  const starting = executes(startGuard);
  const steering = executes(overridesGuard);
  const record = planRecordValues(decision, move);
  const planStep = { key: `plan#${fleet.fleetId}#${nowMs}`, type: 'rebalance-plan', reason: `${plan.reason} (${why})`, ...record };
  if (!starting && !steering) {
    const held = startGuard ?? overridesGuard;
    if (!held) {
      const notices: RebalanceNotice[] = modeChange ? [planNotice({ fleet, decision, verdict: 'execute', modeChange })] : [];
      const addedUnits = plan.hold === 'on-mix' ? await giveBackUnits(deps, fleet, base, view, plan.onDemandTargetUnits, plan.reason) : base.addedUnits;
      await tellAndSave(deps, fleet, withNotices({ ...base, ...(addedUnits !== undefined ? { addedUnits } : {}) }, fleet, notices));
      return { fleet: fleet.name, status: plan.hold ? 'held' : 'unchanged', reason: plan.reason };
    }
    const verdict = held.verdict === 'execute' ? 'blocked' : held.verdict;
    const note = held.verdict === 'execute' ? `the surge would pass the fleet maximum of ${fleet.maxCapacityUnits} units` : (held.note ?? verdict);
    const noticeKey = `${verdict}:${plan.reason}`;
    await recordStep(deps, fleet, { ...planStep, status: verdict, error: note });
    const notices = noticeKey === state.heldNoticeKey && !modeChange ? [] : [planNotice({ fleet, decision, verdict, note, ...(modeChange ? { modeChange } : {}), ...(overrides ? { overrides } : {}), ...(move ? { move } : {}) })];
    await tellAndSave(deps, fleet, withNotices({ ...base, heldNoticeKey: noticeKey }, fleet, notices));
    return { fleet: fleet.name, status: verdict, reason: `${plan.reason} (${note})` };
  }
  const { heldNoticeKey: _told, ...fresh } = base;
  // `pending` before the overrides' ModifyFleet, its outcome after: the audit never reads a refused plan as applied.
  await recordStep(deps, fleet, { ...planStep, status: 'pending' });
  if (steering && overrides) {
    try {
      await modifyFleet(deps, fleet.fleetId, { total: parts.total, overrides });
    } catch (error) {
      await recordStep(deps, fleet, { ...planStep, status: 'failed', error: messageOf(error) });
      throw error;
    }
    await recordStep(deps, fleet, { ...planStep, status: 'applied' });
    await recordStep(deps, fleet, { key: `${planStep.key}#overrides`, type: 'set-fleet-overrides', reason: plan.reason, before: { overrides: view.overrides }, after: { overrides }, status: 'applied' });
  } else {
    await recordStep(deps, fleet, { ...planStep, status: 'applied' });
  }
  const worth = (starting && move) || modeChange || (steering && overrides && launchPoolsChanged(view.overrides, overrides));
  const notices = worth ? [planNotice({ fleet, decision, verdict: 'execute', ...(modeChange ? { modeChange } : {}), ...(steering && overrides ? { overrides } : {}), ...(starting && move ? { move } : {}) })] : [];
  if (!(starting && move)) {
    await tellAndSave(deps, fleet, withNotices(fresh, fleet, notices));
    return { fleet: fleet.name, status: plan.hold ? 'held' : 'applied', reason: `new launch order; ${plan.reason}` };
  }
  // The move is saved before its first change, with the plan's message, so a run that dies after the change resumes it.
  const intent: ReplacementMove = move.surgeUnits > 0 ? { ...move, surge: { from: parts, to: withSurge(parts, move), atMs: nowMs } } : move;
  const saved = await saveRebalanceState(deps, withNotices({ ...fresh, move: intent, replacementStartsMs: [...fresh.replacementStartsMs, nowMs] }, fleet, notices));
  const stepCtx = { deps, fleet, state: saved };
  const old = instances.find((i) => i.instanceId === move.instanceId);
  const result = old && move.surgeUnits === 0 ? await drainStep(stepCtx, old) : await surgeStep(stepCtx);
  const outcome = await afterStep(stepCtx, result);
  return { ...outcome, status: 'applied', reason: plan.reason };
};
