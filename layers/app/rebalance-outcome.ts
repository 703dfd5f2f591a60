/** What the rebalancer did for one fleet on one trigger: the handler's result, one entry per fleet. */
import type { MovePhase } from '../core/rebalancer/replacement-move';

export interface RebalanceOutcome {
  fleet: string;
  status: 'not-due' | 'held' | 'unchanged' | 'applied' | 'dry-run' | 'blocked' | 'waiting' | 'advanced' | 'stale' | 'stopped' | 'failed' | 'duplicate' | 'in-progress';
  reason: string;
  /** The replacement's phase after this run, when there is one. */
  phase?: MovePhase;
}
