/** The per-fleet part of the in-memory ledger: open incidents, versioned fleet states, rebalance requests. */
import type { ForecastState } from '../core/forecast/forecast-state';
import type { GpuAlarmMemory } from '../core/gpu-alarm/gpu-alarm-memory';
import { isOpen, type Incident } from '../core/incident';
import { openIncidentListedUntilS } from '../core/open-incident-listing';
import type { RebalanceRequest } from '../core/rebalance-request';
import type { RebalanceState } from '../core/rebalancer/rebalance-state';
import { ForecastStateConflictError, GpuAlarmMemoryConflictError, RebalanceStateConflictError } from '../ports/ledger-port';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** One state per fleet, stored only over the version it was read at (the table's conditional put). */
class VersionedFleetStates<T extends { fleetId: string; version: number }> {
  private states = new Map<string, T>();

  constructor(private readonly conflict: (fleetId: string) => Error) {}

  get(fleetId: string): T | undefined {
    const stored = this.states.get(fleetId);
    return stored === undefined ? undefined : copy(stored);
  }

  /** Stores `state` as given when the stored version is `storedVersion` (0: none); throws the conflict otherwise. */
  save(state: T, storedVersion: number): void {
    if ((this.states.get(state.fleetId)?.version ?? 0) !== storedVersion) throw this.conflict(state.fleetId);
    this.states.set(state.fleetId, copy(state));
  }

  clear(): void {
    this.states.clear();
  }
}

/**
 * Same rules as the DynamoDB ledger's fleet partition: an open incident is listed until a day after its last save
 * (`openIncidentListedUntilS`), an ended one is not listed; a forecast state is saved only over the version before
 * it, a gpu-alarm memory only over the version it was read at (stored as the next); the latest rebalance request of
 * each reason is kept.
 *
 * @example
 * const fleets = new InMemoryFleetLedger();
 * fleets.trackIncident(incident);
 * fleets.openIncidentIds(incident.fleetId, nowMs); // [incident.incidentId]
 */
export class InMemoryFleetLedger {
  /** fleet id -> incident id -> listed until (epoch seconds) */
  private openIncidents = new Map<string, Map<string, number>>();
  readonly forecastStates = new VersionedFleetStates<ForecastState>((id) => new ForecastStateConflictError(id));
  readonly gpuAlarmMemories = new VersionedFleetStates<GpuAlarmMemory>((id) => new GpuAlarmMemoryConflictError(id));
  readonly rebalanceStates = new VersionedFleetStates<RebalanceState>((id) => new RebalanceStateConflictError(id));
  /** fleet id -> reason -> request */
  private rebalanceRequests = new Map<string, Map<string, RebalanceRequest>>();

  /** Lists or unlists a just-saved incident according to its phase. */
  trackIncident(incident: Incident): void {
    const byId = this.openIncidents.get(incident.fleetId) ?? new Map<string, number>();
    if (isOpen(incident)) byId.set(incident.incidentId, openIncidentListedUntilS(incident));
    else byId.delete(incident.incidentId);
    this.openIncidents.set(incident.fleetId, byId);
  }

  /** Open incidents of the fleet still listed at `nowMs`, by id. */
  openIncidentIds(fleetId: string, nowMs: number): string[] {
    return [...(this.openIncidents.get(fleetId) ?? [])]
      .filter(([, untilS]) => untilS * 1000 > nowMs)
      .map(([id]) => id)
      .sort();
  }

  /** Keeps the request unless one of its reason with a later time is stored. */
  requestRebalance(request: RebalanceRequest): void {
    const byReason = this.rebalanceRequests.get(request.fleetId) ?? new Map<string, RebalanceRequest>();
    const stored = byReason.get(request.reason);
    if (stored === undefined || stored.requestedAtMs <= request.requestedAtMs) byReason.set(request.reason, copy(request));
    this.rebalanceRequests.set(request.fleetId, byReason);
  }

  /** Oldest first (ties by reason). */
  rebalanceRequestsOf(fleetId: string): RebalanceRequest[] {
    return [...(this.rebalanceRequests.get(fleetId)?.values() ?? [])]
      .map(copy)
      .sort((a, b) => a.requestedAtMs - b.requestedAtMs || a.reason.localeCompare(b.reason));
  }

  clear(): void {
    this.openIncidents.clear();
    this.forecastStates.clear();
    this.gpuAlarmMemories.clear();
    this.rebalanceStates.clear();
    this.rebalanceRequests.clear();
  }
}
