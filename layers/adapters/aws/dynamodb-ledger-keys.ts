/** The single-table layout of the ledger: the pk/sk of every kind of item, and the TTL arithmetic. */

/** The primary key of one ledger item (both string attributes, see infra/ledger-table.yml). */
export interface LedgerKey {
  pk: string;
  sk: string;
}

/** Attributes that make up the key or the TTL; stripped before an item is handed back as a domain record. */
const STORAGE_ATTRIBUTES = new Set(['pk', 'sk', 'expiresAt']);

/**
 * Item layout (one table, string pk + sk, no index):
 *
 * | item                 | pk                          | sk                                      |
 * | -------------------- | --------------------------- | --------------------------------------- |
 * | idempotency claim    | `CLAIM#<key>`               | `CLAIM`                                 |
 * | incident (current)   | `INSTANCE#<instanceId>`     | `INCIDENT`                              |
 * | action               | `INCIDENT#<incidentId>`     | `ACTION#<idempotencyKey>`               |
 * | at-risk pool         | `POOLS-AT-RISK`             | `POOL#<poolKey>`                        |
 * | interruption         | `POOL#<poolKey>`            | `INTERRUPTION#<atMs, 15 digits>#<instanceId>` |
 * | lock                 | `LOCK#<name>`               | `LOCK`                                  |
 * | cooldown             | `COOLDOWN#<scope>`          | `COOLDOWN`                              |
 * | open incident        | `FLEET#<fleetId>`           | `OPEN-INCIDENT#<incidentId>`            |
 * | forecast state       | `FLEET#<fleetId>`           | `FORECAST-STATE`                        |
 * | gpu-alarm memory     | `FLEET#<fleetId>`           | `GPU-ALARM-MEMORY`                      |
 * | rebalance request    | `FLEET#<fleetId>`           | `REBALANCE-REQUEST#<reason>`            |
 * | rebalancer state     | `FLEET#<fleetId>`           | `REBALANCE-STATE`                       |
 *
 * The at-risk pools share one partition so they can be listed with one Query: there are a handful of
 * them, written a few times per interruption, far below a partition's limits. A fleet's open incidents
 * are listed the same way, from its partition (an incident item is keyed by instance, so it cannot be
 * queried by fleet). No GSI is needed: every read is by a known partition.
 */
export const ledgerKeys = {
  claim: (key: string): LedgerKey => ({ pk: `CLAIM#${key}`, sk: 'CLAIM' }),
  incident: (instanceId: string): LedgerKey => ({ pk: `INSTANCE#${instanceId}`, sk: 'INCIDENT' }),
  actionsPartition: (incidentId: string): string => `INCIDENT#${incidentId}`,
  action: (incidentId: string, idempotencyKey: string): LedgerKey => ({
    pk: ledgerKeys.actionsPartition(incidentId),
    sk: `ACTION#${idempotencyKey}`,
  }),
  atRiskPartition: 'POOLS-AT-RISK',
  atRiskPool: (poolKey: string): LedgerKey => ({ pk: ledgerKeys.atRiskPartition, sk: `POOL#${poolKey}` }),
  interruptionsPartition: (poolKey: string): string => `POOL#${poolKey}`,
  interruption: (poolKey: string, instanceId: string, atMs: number): LedgerKey => ({
    pk: ledgerKeys.interruptionsPartition(poolKey),
    sk: `${interruptionSortPrefix(atMs)}#${instanceId}`,
  }),
  /** Inclusive lower and upper bounds of the interruptions at or after `sinceMs`, for a BETWEEN key condition. */
  interruptionsSince: (sinceMs: number): { from: string; to: string } => ({
    from: interruptionSortPrefix(sinceMs),
    // '~' sorts after every digit, so this bounds all timestamps of the same width.
    to: 'INTERRUPTION#~',
  }),
  lock: (name: string): LedgerKey => ({ pk: `LOCK#${name}`, sk: 'LOCK' }),
  cooldown: (scope: string): LedgerKey => ({ pk: `COOLDOWN#${scope}`, sk: 'COOLDOWN' }),
  fleetPartition: (fleetId: string): string => `FLEET#${fleetId}`,
  openIncidentPrefix: 'OPEN-INCIDENT#',
  openIncident: (fleetId: string, incidentId: string): LedgerKey => ({
    pk: ledgerKeys.fleetPartition(fleetId),
    sk: `${ledgerKeys.openIncidentPrefix}${incidentId}`,
  }),
  forecastState: (fleetId: string): LedgerKey => ({ pk: ledgerKeys.fleetPartition(fleetId), sk: 'FORECAST-STATE' }),
  gpuAlarmMemory: (fleetId: string): LedgerKey => ({ pk: ledgerKeys.fleetPartition(fleetId), sk: 'GPU-ALARM-MEMORY' }),
  rebalanceState: (fleetId: string): LedgerKey => ({ pk: ledgerKeys.fleetPartition(fleetId), sk: 'REBALANCE-STATE' }),
  rebalanceRequestPrefix: 'REBALANCE-REQUEST#',
  rebalanceRequest: (fleetId: string, reason: string): LedgerKey => ({
    pk: ledgerKeys.fleetPartition(fleetId),
    sk: `${ledgerKeys.rebalanceRequestPrefix}${reason}`,
  }),
};

/** Fixed width so that string order of sort keys is time order (epoch ms has 13 digits until year 2286). */
const interruptionSortPrefix = (atMs: number): string =>
  `INTERRUPTION#${Math.max(0, Math.floor(atMs)).toString().padStart(15, '0')}`;

/**
 * DynamoDB TTL wants epoch seconds. Rounding up keeps an item at least as long as asked; an item is
 * expired at `nowMs` when `expiresAt * 1000 <= nowMs`, the same test the TTL documentation filters with.
 */
export const epochSecondsCeil = (ms: number): number => Math.ceil(ms / 1000);

/** Largest epoch second that is not after `nowMs`: items with `expiresAt <= this` are expired at `nowMs`. */
export const epochSecondsFloor = (ms: number): number => Math.floor(ms / 1000);

/** The domain record inside a stored item: the item without its key and TTL attributes. */
export const withoutStorageAttributes = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name))) as T;

/**
 * Domain records go through JSON before they are written: it drops `undefined` fields (which the document
 * client refuses unless told otherwise, and the caller owns its options) and leaves plain data only.
 */
export const plainData = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
