/** What a fleet did in a cost anomaly's window, from the ledger: the evidence attribution shows and remediation acts on. */

/** An applied rise of the fleet's target (forecast, alarm, surge, rebalancer): capacity that may never have come back down. */
export interface TargetRise {
  atMs: number;
  fromUnits: number;
  toUnits: number;
  /** The action's purpose (`scale-out`, `surge`, `rebalance-surge`…) or its record type when it has none. */
  purpose: string;
}

/** A Spot incident's surge that is applied and was never taken back. */
export interface OpenSurge {
  incidentId: string;
  instanceId: string;
  units: number;
  atMs: number;
}

/** A Spot incident's drain that is applied and was never undone: the instance is paid for and serves nothing. */
export interface OpenDrain {
  incidentId: string;
  instanceId: string;
  atMs: number;
  deadlineMs: number;
}

export interface FleetWindowEvidence {
  fleetId: string;
  targetRises: TargetRise[];
  /** Since when the rebalancer has kept the fleet on on-demand (its market mode), when it has. */
  onDemandFallbackSinceMs?: number;
  onDemandFallbackReason?: string;
  openSurges: OpenSurge[];
  openDrains: OpenDrain[];
}

/** A fleet with nothing on record. */
export const noEvidence = (fleetId: string): FleetWindowEvidence => ({ fleetId, targetRises: [], openSurges: [], openDrains: [] });

const at = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * One line per fact, oldest first, for the incident's Slack message and log.
 *
 * @example
 * evidenceLines(evidence); // ['2026-11-28 14:05 target 400 -> 900 units (scale-out)', 'surge of 100 units for i-0abc… open since 2026-11-28 15:00']
 */
export const evidenceLines = (evidence: FleetWindowEvidence): string[] => {
  const lines: { atMs: number; text: string }[] = [
    ...evidence.targetRises.map((r) => ({ atMs: r.atMs, text: `${at(r.atMs)} target ${r.fromUnits} -> ${r.toUnits} units (${r.purpose})` })),
    ...evidence.openSurges.map((s) => ({ atMs: s.atMs, text: `${at(s.atMs)} surge of ${s.units} units for ${s.instanceId} never taken back` })),
    ...evidence.openDrains.map((d) => ({ atMs: d.atMs, text: `${at(d.atMs)} drain of ${d.instanceId} still on past its deadline ${at(d.deadlineMs)}` })),
  ];
  if (evidence.onDemandFallbackSinceMs !== undefined) {
    const why = evidence.onDemandFallbackReason ? `: ${evidence.onDemandFallbackReason}` : '';
    lines.push({ atMs: evidence.onDemandFallbackSinceMs, text: `${at(evidence.onDemandFallbackSinceMs)} fell back to on-demand${why}` });
  }
  return lines.sort((a, b) => a.atMs - b.atMs).map((l) => l.text);
};
