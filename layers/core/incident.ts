/** The spot-interruption incident: one per instance, from the first notice to the instance's end. */
import type { Pool } from './fleet';
import type { FleetOverride } from './observed';
import type { InstanceState, SpotAction } from './signals';

export type IncidentPhase =
  | 'rebalance-recommended'
  | 'scheduled-change'
  | 'interruption-warned'
  /** Terminated, stopped or hibernated: the capacity is gone and the surge, if any, is undone. */
  | 'closed'
  /** A rebalance recommendation that never turned into an interruption: drain and surge undone. */
  | 'stood-down';

/** `pending` marks, in the ledger only, an action about to be called: a retry after a crash checks it. */
export type ActionStatus = 'applied' | 'dry-run' | 'blocked' | 'failed' | 'skipped' | 'pending';

export interface IncidentSignalRecord {
  kind: string;
  eventId: string;
  emittedAtMs: number;
  receivedAtMs: number;
  /** True when the notice arrived after its deadline: recorded as missed, not acted on. */
  late?: boolean;
  detail?: string;
}

export interface SurgeRecord {
  units: number;
  fromTotal: number;
  toTotal: number;
  status: ActionStatus;
  atMs: number;
  avoidedPools: string[];
  /** Launch-template overrides left out to steer the replacement; put back by the restore. */
  removedOverrides: FleetOverride[];
  error?: string;
  /** Set once the surge is taken back (incident closed or stood down). */
  undone?: { atMs: number; status: ActionStatus; fromTotal: number; toTotal: number; error?: string };
}

export interface DrainRecord {
  deadlineMs: number;
  status: ActionStatus;
  atMs: number;
  error?: string;
  /** When the worker agent acknowledged the drain (its tag), if seen. */
  acknowledgedAtMs?: number;
  undone?: { atMs: number; status: ActionStatus; error?: string };
}

export interface IncidentOutcome {
  finalState: InstanceState | 'missed-notice';
  closedAtMs: number;
  /** Capacity units that left the fleet with this instance. */
  lostUnits: number;
  /** Whether the drain was requested before the interruption deadline. */
  drainedBeforeDeadline?: boolean;
}

export interface Incident {
  incidentId: string;
  instanceId: string;
  fleetId: string;
  fleetName: string;
  pool: Pool;
  /** Capacity units (QPS at SLO) of this instance, and the fleet's total when the incident opened. */
  capacityUnits: number;
  fleetUnitsAtOpen: number;
  phase: IncidentPhase;
  spotAction?: SpotAction;
  deadlineMs?: number;
  openedAtMs: number;
  updatedAtMs: number;
  signals: IncidentSignalRecord[];
  surge?: SurgeRecord;
  drain?: DrainRecord;
  outcome?: IncidentOutcome;
  /** Reasons of every decision taken on this incident, newest last. */
  reasons: string[];
  /** Where the Slack message lives (bot mode) and what phases were already posted (webhook dedupe). */
  notification?: { channel: string; ts?: string; postedRevisions: string[]; lastError?: string; lastErrorRetryable?: boolean };
  /** Follow-ups whose scheduling failed: a redelivery of the signal schedules them again. */
  failedFollowUps?: string[];
  dryRun: boolean;
  /** Optimistic-concurrency version, incremented by every save. */
  version: number;
}

export const isOpen = (incident: Incident): boolean => incident.phase !== 'closed' && incident.phase !== 'stood-down';

/**
 * Rebalance + warning + state change of one instance share one incident; a later notice on the same
 * instance after the incident ended opens a new one. The id comes from the opening event (its time, readable,
 * and its id, unique even for two events of one millisecond), so a retry of that event finds the same incident.
 */
export const incidentIdFor = (instanceId: string, openedAtMs: number, eventId: string): string =>
  `spot-${instanceId}-${new Date(openedAtMs).toISOString().replace(/[-:.]/g, '')}-${eventId.replace(/[^0-9a-zA-Z]/g, '').slice(0, 8)}`;
