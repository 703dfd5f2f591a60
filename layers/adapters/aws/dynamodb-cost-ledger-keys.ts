/** Where the cost ledger's items live in the ledger table: key prefixes, sort-key time order, and how long each kind is kept. */
import { ledgerKeys, type LedgerKey } from './dynamodb-ledger-keys';

const DAY_MS = 24 * 3_600_000;

/** Samples and cost incidents are kept 400 days: a monthly chargeback looks back a full year plus a month. */
export const COST_RETENTION_MS = 400 * DAY_MS;

/** Fixed width so that string order of sort keys is time order (epoch ms has 13 digits until year 2286). */
const timeKey = (ms: number): string => Math.max(0, Math.floor(ms)).toString().padStart(15, '0');

/**
 * Cost items added to the ledger's single-table layout (see `ledgerKeys` for the rest):
 *
 * | item                  | pk                          | sk                                        |
 * | --------------------- | --------------------------- | ----------------------------------------- |
 * | cost sample           | `COST-SAMPLES#<fleetId>`    | `SAMPLE#<atMs, 15 digits>`                |
 * | cost incident         | `COST-INCIDENT#<anomalyId>` | `COST-INCIDENT`                           |
 * | cost incident listing | `COST-INCIDENTS`            | `OPENED#<openedAtMs, 15 digits>#<anomalyId>` |
 * | spend-watch state     | `FLEET#<fleetId>`           | `SPEND-WATCH`                             |
 *
 * Samples get a partition per fleet (one write per scheduled run, a month is a few thousand items read in a
 * handful of pages) so they stay out of the fleet partition the other per-fleet reads query. Incident listings
 * share one partition ordered by opening time, so "opened since" is one Query with no index.
 */
export const costKeys = {
  samplesPartition: (fleetId: string): string => `COST-SAMPLES#${fleetId}`,
  sample: (fleetId: string, atMs: number): LedgerKey => ({ pk: costKeys.samplesPartition(fleetId), sk: `SAMPLE#${timeKey(atMs)}` }),
  /** Inclusive sort-key bounds covering [fromMs, toMs]: the caller trims the exact half-open range. */
  samplesBetween: (fromMs: number, toMs: number): { from: string; to: string } => ({
    from: `SAMPLE#${timeKey(fromMs)}`,
    to: `SAMPLE#${timeKey(Math.ceil(toMs))}`,
  }),
  incident: (anomalyId: string): LedgerKey => ({ pk: `COST-INCIDENT#${anomalyId}`, sk: 'COST-INCIDENT' }),
  listingPartition: 'COST-INCIDENTS',
  listing: (openedAtMs: number, anomalyId: string): LedgerKey => ({
    pk: costKeys.listingPartition,
    sk: `OPENED#${timeKey(openedAtMs)}#${anomalyId}`,
  }),
  /** Inclusive sort-key bounds of the listings opened at or after `sinceMs` ('~' sorts after every digit). */
  listingsSince: (sinceMs: number): { from: string; to: string } => ({ from: `OPENED#${timeKey(sinceMs)}`, to: 'OPENED#~' }),
  spendWatch: (fleetId: string): LedgerKey => ({ pk: ledgerKeys.fleetPartition(fleetId), sk: 'SPEND-WATCH' }),
};
