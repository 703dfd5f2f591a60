/** A cost incident: one per anomaly id, updated as the anomaly is re-sent with a growing impact, with what was done about it. */
import type { ChatMessage } from '../chat-message';
import type { CostAnomaly } from './cost-anomaly';

/** What the autopilot did or proposed for one fleet (see the remediation decisions in layers/core/cost/). */
export interface CostRemediationRecord {
  fleetId: string;
  /** `scale-to-need` | `rebalance-to-spot` | `undo-surge` | `alert-only` … */
  kind: string;
  /** executed: done through the guard; recommended: proposed only (tier policy, $/h threshold, dry-run or guard). */
  outcome: 'executed' | 'recommended' | 'blocked' | 'dry-run';
  reason: string;
  usdPerHourBefore: number;
  usdPerHourAfter: number;
  atMs: number;
}

export interface CostIncident {
  anomalyId: string;
  /** Optimistic concurrency: the stored version + 1 on every save (1 for the first). */
  version: number;
  anomaly: CostAnomaly;
  /** Managed fleets the anomaly was attributed to (empty: the cause is outside them). */
  fleetIds: string[];
  openedAtMs: number;
  updatedAtMs: number;
  /** Highest total impact seen, $: a re-sent anomaly updates the incident only when this grows. */
  impactUsd: number;
  status: 'open' | 'closed';
  remediations: CostRemediationRecord[];
  /** What attribution found, one line each (fleet matched and why, what it did in the window, causes outside the fleets). */
  evidence?: string[];
  /** The Slack message of the incident (updated in place), once posted. */
  chat?: { channel: string; ts: string };
  /** Messages that could not be delivered, sent again on the next run. */
  unsent?: ChatMessage[];
  /**
   * Saved with the remediations already run when a later fleet failed in a way a retry may fix: the retry is owed
   * (the delivery is not a duplicate, a spend check raises the anomaly again) and the incident was not told yet.
   */
  incomplete?: boolean;
}
