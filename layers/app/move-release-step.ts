/** The end of a rolling replacement: drain the old instance (agent protocol), then terminate it and lower the target. */
import { DRAIN_TAG, drainRequestTags } from '../core/drain-protocol';
import type { InstanceView } from '../core/observed';
import type { ModifyFleetCapacityAction, TagDrainAction, TerminateInstanceAction } from '../core/plan';
import { targetPartsOf, withUnits, type TargetParts } from '../core/rebalancer/market-split';
import { releaseTarget } from '../core/rebalancer/release-target';
import type { ReplacementMove } from '../core/rebalancer/replacement-move';
import { heldBy, moveOf, saveMove, usdDuring, type StepContext, type StepResult } from './move-step-context';
import { modifyFleet, recordStep } from './rebalance-fleet-calls';
import { guardFleetAction } from './guard-fleet-action';

const isLive = (i: InstanceView | undefined): i is InstanceView => i !== undefined && (i.state === 'pending' || i.state === 'running');

/**
 * Tags the old instance for a drain (`autopilot:drain` = the deadline, reason `rebalance-move`); the move is `draining`
 * from the save before the tag, and a later look tags again when the tag is missing (a crash in between), so the agent
 * always gets the request. The deadline is kept from the first request.
 */
export const drainStep = async (input: StepContext, old: InstanceView): Promise<StepResult> => {
  const { deps, fleet } = input;
  const move = moveOf(input);
  const nowMs = deps.clock.nowMs();
  const drain = move.drain ?? { requestedAtMs: nowMs, deadlineMs: nowMs + deps.config.drainSeconds * 1000 };
  const tags = drainRequestTags({ deadlineMs: drain.deadlineMs, incidentId: move.moveId, reason: 'rebalance-move' });
  let ctx = input;
  if (old.tags[DRAIN_TAG] !== tags[DRAIN_TAG]) {
    const action: TagDrainAction = { type: 'tag-drain', instanceId: move.instanceId, incidentId: move.moveId, deadlineMs: drain.deadlineMs, drainReason: 'rebalance-move', idempotencyKey: `${move.moveId}#drain`, reason: move.reason };
    const guarded = await guardFleetAction(deps, fleet, action);
    if (guarded.verdict !== 'execute') return heldBy(input, guarded);
    if (!move.drain || move.phase !== 'draining') ctx = await saveMove(ctx, { ...move, phase: 'draining', drain });
    await deps.fleet.createTags(move.instanceId, tags);
    const during = { usdPerHour: usdDuring(move) };
    await recordStep(deps, fleet, { key: action.idempotencyKey, type: 'tag-drain', instanceId: move.instanceId, reason: move.reason, before: during, after: { ...during, drainDeadline: tags[DRAIN_TAG] }, status: 'applied' });
  }
  const saved = moveOf(ctx);
  if (saved.phase !== 'draining' || !saved.drain) ctx = await saveMove(ctx, { ...saved, phase: 'draining', drain });
  return { state: ctx.state };
};

/**
 * Terminates the old instance (unless it is gone already), then lowers the target in its market (`releaseTarget`:
 * by its units, never below the demand), so the maintain fleet does not replace it. The guard sees both first: when
 * it holds either, nothing is done and the move looks again later. `releasing` is saved first, with
 * the target it found and the one it sets, so a run that died in between finishes the job without lowering twice (a
 * target already at the saved one has landed). Then the move is `done`, with the units left above the demand.
 */
export const releaseStep = async (input: StepContext, old: InstanceView | undefined, how: string): Promise<StepResult> => {
  const { deps, fleet } = input;
  let ctx = input;
  let move = moveOf(ctx);
  if (move.phase !== 'releasing' || !move.release) {
    const view = await deps.fleet.describeFleet(fleet.fleetId);
    const current = view ? targetPartsOf(view) : { total: 0, onDemand: 0, spot: 0 };
    move = { ...move, phase: 'releasing', release: { from: current, to: releaseTarget(move, current).to, atMs: deps.clock.nowMs() } };
    ctx = await saveMove(ctx, move);
  }
  const base = { instanceId: move.instanceId, reason: `${move.reason} (${how})` };
  // Both changes clear the guard before either is made: a termination whose target change is then held would leave
  // the maintain fleet to launch a replacement for the old instance in its unwanted pool.
  const release = move.release;
  let addedUnits = ctx.state.addedUnits ?? 0;
  let lower: { action: ModifyFleetCapacityAction; current: TargetParts; kept: TargetParts } | undefined;
  if (release) {
    const view = await deps.fleet.describeFleet(fleet.fleetId);
    const current = view ? targetPartsOf(view) : release.to;
    const landed = current.total === release.to.total && current.onDemand === release.to.onDemand;
    const target = landed ? { to: current, addedUnits: releaseTarget(move, release.from).addedUnits } : releaseTarget(move, current);
    addedUnits = target.addedUnits;
    if (!landed && target.to.total !== current.total) {
      const action: ModifyFleetCapacityAction = { type: 'modify-fleet-capacity', fleetId: fleet.fleetId, purpose: 'rebalance-release', fromTotal: current.total, toTotal: target.to.total, avoidPools: [], idempotencyKey: `${move.moveId}#release`, reason: base.reason };
      const guarded = await guardFleetAction(deps, fleet, action);
      if (guarded.verdict !== 'execute') return heldBy(ctx, guarded);
      // The fleet minimum may keep part of the old units in the target: lower the old instance's market only that far.
      const kept = guarded.effective.toTotal === target.to.total ? target.to : withUnits(current, move.from.market, guarded.effective.toTotal - current.total);
      addedUnits += kept.total - target.to.total;
      lower = { action, current, kept };
    }
  }
  if (isLive(old)) {
    const action: TerminateInstanceAction = { type: 'terminate-instance', fleetId: fleet.fleetId, instanceId: move.instanceId, idempotencyKey: `${move.moveId}#terminate`, reason: base.reason };
    const guarded = await guardFleetAction(deps, fleet, action);
    if (guarded.verdict !== 'execute') return heldBy(ctx, guarded);
    await recordStep(deps, fleet, { ...base, key: action.idempotencyKey, type: 'terminate-instance', before: { usdPerHour: usdDuring(move) }, after: { usdPerHour: move.usdPerHourAfter }, status: 'pending' });
    await deps.fleet.terminateInstance(move.instanceId);
    await recordStep(deps, fleet, { ...base, key: action.idempotencyKey, type: 'terminate-instance', before: { usdPerHour: usdDuring(move) }, after: { usdPerHour: move.usdPerHourAfter }, status: 'applied' });
  }
  if (lower) {
    const { action, current, kept } = lower;
    await modifyFleet(deps, fleet.fleetId, { total: kept.total, parts: kept });
    await recordStep(deps, fleet, { ...base, key: action.idempotencyKey, type: 'rebalance-release', before: { ...current, usdPerHour: usdDuring(move) }, after: { ...kept, usdPerHour: move.usdPerHourAfter }, status: 'applied' });
  }
  const nowMs = deps.clock.nowMs();
  const done: ReplacementMove = { ...move, phase: 'done', endedAtMs: nowMs, outcome: `replaced (${how})` };
  ctx = await saveMove(ctx, done, [{ kind: 'replaced', fleetName: fleet.name, move: done, how }], { replanAtMs: nowMs, addedUnits });
  return { state: ctx.state };
};
