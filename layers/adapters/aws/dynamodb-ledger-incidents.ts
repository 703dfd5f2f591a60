/** Incidents in the ledger table: each instance's current incident, and the per-fleet listing of the open ones. */
import { isOpen, type Incident } from '../../core/incident';
import { openIncidentListedUntilS } from '../../core/open-incident-listing';
import { IncidentConflictError } from '../../ports/ledger-port';
import { ledgerKeys, plainData, withoutStorageAttributes } from './dynamodb-ledger-keys';
import type { LedgerTable } from './dynamodb-ledger-table';

/**
 * The incident item and its listing item are two writes (the ledger uses no transactions, which the emulator the
 * tests run on does not offer either), ordered so that a crash between them errs on the safe side: an open
 * incident is listed before it is saved, an ended one unlisted after it is saved. A listing left behind ends on
 * its own (`expiresAt`, a day after the incident's last save), and a save that loses a conflict puts the listing
 * back in line with the incident that won.
 */
export class LedgerIncidents {
  constructor(private readonly table: LedgerTable) {}

  /** The instance's current incident (its latest one), open or ended. */
  async get(instanceId: string): Promise<Incident | undefined> {
    const item = await this.table.get(`reading incident of instance ${instanceId}`, ledgerKeys.incident(instanceId));
    return item === undefined ? undefined : withoutStorageAttributes<Incident>(item);
  }

  /**
   * Version 1 creates the instance's incident, or replaces one that has ended (closed or stood down);
   * replacing an open one would mean two invocations opened incidents for one instance at once. Version n
   * replaces version n-1 of the same incident. Anything else is an IncidentConflictError.
   */
  async save(incident: Incident): Promise<void> {
    const open = isOpen(incident);
    if (open) await this.list(incident);
    const isNew = incident.version === 1;
    const saved = await this.table.putIf(`saving incident ${incident.incidentId}`, {
      Item: { ...plainData(incident), ...ledgerKeys.incident(incident.instanceId) },
      ConditionExpression: isNew
        ? 'attribute_not_exists(pk) OR (incidentId <> :incidentId AND phase IN (:closed, :stoodDown))'
        : 'incidentId = :incidentId AND version = :storedVersion',
      ExpressionAttributeValues: isNew
        ? { ':incidentId': incident.incidentId, ':closed': 'closed', ':stoodDown': 'stood-down' }
        : { ':incidentId': incident.incidentId, ':storedVersion': incident.version - 1 },
    });
    if (!saved) {
      if (open) await this.relist(incident);
      throw new IncidentConflictError(incident.incidentId);
    }
    if (!open) await this.unlist(incident);
  }

  /** Ids of the fleet's incidents listed as open at `nowMs` (listings past their expiry are left out). */
  async listOpenIds(fleetId: string, nowMs: number): Promise<string[]> {
    const items = await this.table.queryAll(`listing open incidents of fleet ${fleetId}`, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ledgerKeys.fleetPartition(fleetId), ':prefix': ledgerKeys.openIncidentPrefix },
    });
    // TTL deletion is lazy (typically within days): an expired listing may still be returned.
    return items
      .filter((item) => Number(item.expiresAt) * 1000 > nowMs)
      .map((item) => String(item.incidentId))
      .sort();
  }

  private async list(incident: Incident): Promise<void> {
    const { fleetId, incidentId, instanceId, openedAtMs } = incident;
    // Said as the save it is part of: to the caller, the listing is one step of saving the incident.
    await this.table.put(`saving incident ${incidentId}`, {
      ...ledgerKeys.openIncident(fleetId, incidentId),
      fleetId,
      incidentId,
      instanceId,
      openedAtMs,
      expiresAt: openIncidentListedUntilS(incident),
    });
  }

  private async unlist(incident: Incident): Promise<void> {
    await this.table.deleteIf(`saving incident ${incident.incidentId}`, {
      Key: ledgerKeys.openIncident(incident.fleetId, incident.incidentId),
      ConditionExpression: 'attribute_exists(pk)',
    });
  }

  /**
   * After a lost conflict, the listing written before the save is right only if the incident that won is this
   * one and still open; otherwise this incident is not (or no longer) the instance's open incident.
   */
  private async relist(incident: Incident): Promise<void> {
    const stored = await this.get(incident.instanceId);
    if (stored === undefined || stored.incidentId !== incident.incidentId || !isOpen(stored)) await this.unlist(incident);
  }
}
