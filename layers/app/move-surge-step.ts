/** The surge of a rolling replacement (add the new capacity first), and giving it back when it never comes. */
import type { ModifyFleetCapacityAction } from '../core/plan';
import { sameOverrides } from '../core/rebalance/fleet-overrides';
import { launchFirst } from '../core/rebalancer/launch-first';
import { targetPartsOf, withUnits, type TargetParts } from '../core/rebalancer/market-split';
import type { ReplacementMove } from '../core/rebalancer/replacement-move';
import { cooldownScope } from '../core/guard';
import { messageOf } from './errors';
import { heldBy, moveOf, saveMove, usdDuring, type StepContext, type StepResult } from './move-step-context';
import { modifyFleet, rebalanceActionsKey, recordStep } from './rebalance-fleet-calls';
import { guardFleetAction } from './guard-fleet-action';
import { GIVE_UP_COOLDOWN_MS } from './rebalance-timing';

const same = (a: TargetParts, b: TargetParts): boolean => a.total === b.total && a.onDemand === b.onDemand && a.spot === b.spot;
const DAY_MS = 86_400_000;

/**
 * Whether the ledger shows the move's surge was sent: `applied`, or `pending` with no failure recorded (the run died
 * between its ModifyFleet and the record of its outcome, so the call may have landed: a surge that did not is given
 * back by the give-up step, while a second one would add the move's units twice). Records are kept per UTC day, so
 * every day since the move started is read.
 */
const surgeSent = async (deps: StepContext['deps'], fleetId: string, move: ReplacementMove): Promise<boolean> => {
  const key = `${move.moveId}#surge`;
  const nowMs = deps.clock.nowMs();
  const keys: string[] = [];
  for (let dayMs = Math.floor(move.startedAtMs / DAY_MS) * DAY_MS; dayMs <= nowMs; dayMs += DAY_MS) {
    const records = await deps.ledger.listActions(rebalanceActionsKey(fleetId, dayMs));
    keys.push(...records.map((r) => r.idempotencyKey).filter((k) => k.startsWith(`${key}#`)));
  }
  if (keys.includes(`${key}#applied`)) return true;
  return keys.includes(`${key}#pending`) && !keys.some((k) => k.endsWith('#failed'));
};

/** `parts` with the move's surge added (its on-demand launches on-demand, the rest Spot), or taken off with `sign` -1. */
export const withSurge = (parts: TargetParts, move: ReplacementMove, sign: 1 | -1 = 1): TargetParts =>
  withUnits(withUnits(parts, 'on-demand', sign * move.surgeOnDemandUnits), 'spot', sign * (move.surgeUnits - move.surgeOnDemandUnits));

/** The capacity action of a surge from `current`, for the guard and the ledger. */
export const surgeAction = (fleetId: string, move: ReplacementMove, current: TargetParts): ModifyFleetCapacityAction => ({
  type: 'modify-fleet-capacity',
  fleetId,
  purpose: 'rebalance-surge',
  fromTotal: current.total,
  toTotal: withSurge(current, move).total,
  avoidPools: [],
  idempotencyKey: `${move.moveId}#surge`,
  reason: move.reason,
});

/**
 * Raises the target by the move's units, in the markets of its launches, unless a surge saved before a crash has
 * landed already (the target is the one it set, or the ledger records the surge as sent). The guard may hold it (kill switch, dry-run, cooldown) or cut it at
 * the fleet maximum; a cut surge is held too, since a part of one would drain capacity it does not replace. The same
 * ModifyFleet puts the move's launch pools first in the overrides (`launchFirst`), so EC2 launches what the move
 * planned. Then the move is `launching`. Port errors propagate.
 */
export const surgeStep = async (input: StepContext): Promise<StepResult> => {
  const { deps, fleet } = input;
  const move = moveOf(input);
  const view = await deps.fleet.describeFleet(fleet.fleetId);
  const current = view ? targetPartsOf(view) : { total: 0, onDemand: 0, spot: 0 };
  let surge = move.surge;
  const landed = surge !== undefined && same(current, surge.to) && !same(surge.from, surge.to);
  // The target alone cannot tell: something else (a scaler) may have moved it since the surge landed.
  if (!landed && !(await surgeSent(deps, fleet.fleetId, move))) {
    const action = surgeAction(fleet.fleetId, move, current);
    const guarded = await guardFleetAction(deps, fleet, action);
    if (guarded.verdict !== 'execute' || guarded.effective.toTotal !== action.toTotal) return heldBy(input, guarded);
    const to = withSurge(current, move);
    const ordered = view ? launchFirst(view.overrides, move.launches) : [];
    const overrides = view && !sameOverrides(ordered, view.overrides) ? ordered : undefined;
    const step = { key: `${move.moveId}#surge`, type: 'rebalance-surge', instanceId: move.instanceId, reason: move.reason };
    const before = { ...current, usdPerHour: move.usdPerHourBefore };
    const after = { ...to, usdPerHour: usdDuring(move), launches: move.launches };
    await recordStep(deps, fleet, { ...step, before, after, status: 'pending' });
    try {
      await modifyFleet(deps, fleet.fleetId, { total: to.total, parts: to, ...(overrides ? { overrides } : {}) });
    } catch (error) {
      await recordStep(deps, fleet, { ...step, key: `${step.key}#${deps.clock.nowMs()}`, before, after, status: 'failed', error: messageOf(error) });
      throw error;
    }
    await recordStep(deps, fleet, { ...step, before, after, status: 'applied' });
    surge = { from: current, to, atMs: deps.clock.nowMs() };
  }
  const ctx = await saveMove(input, { ...move, ...(surge ? { surge } : {}), phase: 'launching' });
  return { state: ctx.state };
};

/**
 * The surge never served in time (no capacity in the wanted pools, say): its units come off the target again if they
 * are still in it, no replacement starts for a while (the surge's cooldown), and the old instance keeps serving.
 */
export const giveUpStep = async (input: StepContext, why: string): Promise<StepResult> => {
  const { deps, fleet } = input;
  const move = moveOf(input);
  const view = await deps.fleet.describeFleet(fleet.fleetId);
  const surge = move.surge;
  if (view && surge && targetPartsOf(view).total >= surge.to.total) {
    const current = targetPartsOf(view);
    const to = withSurge(current, move, -1);
    const action: ModifyFleetCapacityAction = { ...surgeAction(fleet.fleetId, move, current), purpose: 'rebalance-release', toTotal: to.total, idempotencyKey: `${move.moveId}#surge-back` };
    const guarded = await guardFleetAction(deps, fleet, action);
    if (guarded.verdict !== 'execute') return heldBy(input, guarded);
    await modifyFleet(deps, fleet.fleetId, { total: to.total, parts: to });
    await recordStep(deps, fleet, { key: action.idempotencyKey, type: 'rebalance-surge-back', instanceId: move.instanceId, reason: why, before: { ...current, usdPerHour: usdDuring(move) }, after: { ...to, usdPerHour: move.usdPerHourBefore }, status: 'applied' });
  }
  const scope = cooldownScope(surgeAction(fleet.fleetId, move, surge?.from ?? { total: 0, onDemand: 0, spot: 0 }));
  if (scope) await deps.ledger.setCooldownUntil(scope, deps.clock.nowMs() + GIVE_UP_COOLDOWN_MS);
  const nowMs = deps.clock.nowMs();
  const stopped: ReplacementMove = { ...move, phase: 'stopped', endedAtMs: nowMs, outcome: `gave up: ${why}` };
  const ctx = await saveMove(input, stopped, [{ kind: 'stopped', fleetName: fleet.name, move: stopped, why: `The new capacity did not serve in time (${why})` }], { replanAtMs: nowMs + GIVE_UP_COOLDOWN_MS });
  return { state: ctx.state };
};
