/** One look at a rolling replacement: the step its phase is due for, then the next look scheduled (or the end told). */
import { DRAIN_TAG } from '../core/drain-protocol';
import type { FleetConfig } from '../core/fleet';
import { drainVerdict, launchVerdict } from '../core/rebalancer/move-progress';
import { isMoveActive, type ReplacementMove } from '../core/rebalancer/replacement-move';
import { PortError } from '../ports/port-error';
import { isRetryable, messageOf } from './errors';
import { moveOf, saveMove, type StepContext, type StepResult } from './move-step-context';
import { drainStep, releaseStep } from './move-release-step';
import { giveUpStep, surgeStep } from './move-surge-step';
import type { RebalanceDeps } from './rebalance-deps';
import { tellAndSave } from './rebalance-notices';
import type { RebalanceOutcome } from './rebalance-outcome';
import { BLOCKED_RETRY_MS, DRAIN_POLL_MS, LAUNCH_POLL_MS, maxLaunchWaitMs, MIN_SCHEDULE_LEAD_MS } from './rebalance-timing';
import { withFleetLock } from './with-fleet-lock';

const ACK_REASONS = { acknowledged: 'the agent acknowledged the drain', deadline: 'the drain deadline passed', gone: 'the instance was gone' } as const;

const step = async (ctx: StepContext): Promise<StepResult> => {
  const { deps, fleet } = ctx;
  const move = moveOf(ctx);
  const nowMs = deps.clock.nowMs();
  const open = await deps.ledger.listOpenIncidentIds(fleet.fleetId, nowMs);
  if (open.length > 0) return { state: ctx.state, held: { verdict: 'blocked', note: `an incident is open on the fleet (${open.join(', ')})` } };
  switch (move.phase) {
    case 'surging':
      return surgeStep(ctx);
    case 'launching': {
      const instances = await deps.fleet.listFleetInstances(fleet.fleetId);
      const verdict = launchVerdict(move, { fleet, instances, nowMs, maxWaitMs: maxLaunchWaitMs(fleet) });
      const old = instances.find((i) => i.instanceId === move.instanceId);
      if (verdict.kind === 'old-gone') return releaseStep(ctx, undefined, ACK_REASONS.gone);
      if (verdict.kind === 'give-up') return giveUpStep(ctx, verdict.why);
      if (verdict.kind === 'wait' || !old) return { state: ctx.state, wait: { untilMs: nowMs + LAUNCH_POLL_MS, why: verdict.kind === 'wait' ? verdict.why : 'waiting' } };
      return drainStep(ctx, old);
    }
    case 'draining': {
      const [old] = await deps.fleet.describeInstances([move.instanceId]);
      const live = old !== undefined && (old.state === 'pending' || old.state === 'running');
      if (live && (!move.drain || old.tags[DRAIN_TAG] === undefined)) return drainStep(ctx, old);
      const verdict = drainVerdict(move, old, nowMs, DRAIN_POLL_MS);
      if (verdict.kind === 'wait') return { state: ctx.state, wait: { untilMs: verdict.untilMs, why: 'the agent is draining' } };
      return releaseStep(ctx, old, ACK_REASONS[verdict.why]);
    }
    default: {
      const [old] = await deps.fleet.describeInstances([move.instanceId]);
      return releaseStep(ctx, old, move.outcome ?? 'resumed');
    }
  }
};

/** When to look next at a move that is still in progress. */
const nextLookMs = (move: ReplacementMove, result: StepResult, nowMs: number, fleet: FleetConfig): number => {
  if (result.held) return nowMs + BLOCKED_RETRY_MS;
  if (result.wait) return result.wait.untilMs;
  if (move.phase === 'launching') return (move.surge?.atMs ?? nowMs) + fleet.launchLeadTimeSeconds * 1000;
  if (move.phase === 'draining' && move.drain) return Math.min(move.drain.deadlineMs, nowMs + DRAIN_POLL_MS);
  return nowMs;
};

/**
 * After a step: a move still in progress gets its next check (numbered, so only the latest one acts) saved and
 * scheduled; a finished one has its messages told. A check that cannot be scheduled is left to the scheduled run,
 * which resumes a move whose check is overdue.
 */
export const afterStep = async (ctx: StepContext, result: StepResult): Promise<RebalanceOutcome> => {
  const { deps, fleet } = ctx;
  const move = moveOf({ ...ctx, state: result.state });
  const nowMs = deps.clock.nowMs();
  if (move.phase === 'done' || move.phase === 'stopped') {
    await tellAndSave(deps, fleet, result.state);
    return { fleet: fleet.name, status: move.phase === 'done' ? 'advanced' : 'stopped', phase: move.phase, reason: move.outcome ?? move.phase };
  }
  const atMs = Math.max(nextLookMs(move, result, nowMs, fleet), nowMs + MIN_SCHEDULE_LEAD_MS);
  const next: ReplacementMove = { ...move, check: move.check + 1, nextCheckAtMs: atMs };
  await tellAndSave(deps, fleet, { ...result.state, move: next });
  try {
    await deps.checks.scheduleCheck({ name: `rb-${move.instanceId}-${move.startedAtMs}-${next.check}`, atMs, detail: { fleetId: fleet.fleetId, moveId: move.moveId, check: next.check } });
  } catch (error) {
    deps.logger.warn('replacement check not scheduled: the scheduled run resumes the move', { fleet: fleet.name, moveId: move.moveId, error: messageOf(error) });
  }
  const why = result.held ? `held: ${result.held.note}` : (result.wait?.why ?? `now ${move.phase}`);
  return { fleet: fleet.name, status: result.held ? 'blocked' : result.wait ? 'waiting' : 'advanced', phase: move.phase, reason: `${move.instanceId}: ${why}` };
};

/**
 * Looks at the fleet's replacement under the fleet lock; `expected` (a step event's move and check) must still be the
 * current check, else the look is stale and does nothing. A step a service refuses for good (permissions, a fleet gone)
 * stops the move and tells on-call; any other failure propagates, so Lambda retries the event.
 */
export const advanceReplacement = async (deps: RebalanceDeps, fleet: FleetConfig, expected?: { moveId: string; check: number }): Promise<RebalanceOutcome> =>
  withFleetLock(deps, fleet.fleetId, async () => {
    const stored = await deps.ledger.getRebalanceState(fleet.fleetId);
    const move = stored?.move;
    if (!stored || !isMoveActive(move)) return { fleet: fleet.name, status: 'stale', reason: 'no replacement in progress' };
    if (expected && (expected.moveId !== move.moveId || expected.check !== move.check)) {
      return { fleet: fleet.name, status: 'stale', phase: move.phase, reason: `check ${expected.check} of ${expected.moveId} is not the current one` };
    }
    const ctx: StepContext = { deps, fleet, state: stored };
    try {
      return await afterStep(ctx, await step(ctx));
    } catch (error) {
      // Only a refusal from a service stops the move (a port error no retry fixes); anything else is left to Lambda's retry.
      if (!(error instanceof PortError) || isRetryable(error)) throw error;
      const latest = (await deps.ledger.getRebalanceState(fleet.fleetId)) ?? stored;
      const current = latest.move ?? move;
      const stopped: ReplacementMove = { ...current, phase: 'stopped', endedAtMs: deps.clock.nowMs(), outcome: `stopped: ${messageOf(error)}` };
      const saved = await saveMove({ ...ctx, state: latest }, stopped, [{ kind: 'stopped', fleetName: fleet.name, move: stopped, why: messageOf(error) }]);
      return afterStep(saved, { state: saved.state });
    }
  });
