/** How long the ledger lists an incident as open: until a day after its last save, so a stale entry cannot block forever. */
import type { Incident } from './incident';

/**
 * An open incident is listed until 24 hours after its last save. Spot incidents end within minutes and a
 * rebalance drain within its timeout, each saving as it goes; an entry left behind by a crash between two writes
 * stops holding back the forecast scaler's scale-in a day later.
 */
export const OPEN_INCIDENT_LISTING_MS = 24 * 3_600_000;

/**
 * The epoch second (a DynamoDB TTL value) from which the incident is no longer listed as open: listed at `nowMs`
 * while `listedUntilS * 1000 > nowMs`.
 *
 * @example
 * openIncidentListedUntilS({ openedAtMs: Date.UTC(2026, 2, 14, 3, 12), updatedAtMs: Date.UTC(2026, 2, 14, 3, 14) });
 * // Date.UTC(2026, 2, 15, 3, 14) / 1000
 */
export const openIncidentListedUntilS = (incident: Pick<Incident, 'openedAtMs' | 'updatedAtMs'>): number =>
  Math.ceil((Math.max(incident.openedAtMs, incident.updatedAtMs) + OPEN_INCIDENT_LISTING_MS) / 1000);
