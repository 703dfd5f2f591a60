/** Re-exports of the shared domain types, so core modules import them from one place. */
export type { FleetConfig, Market, Pool, Precision, RebalancePolicy, Tier } from './fleet';
export type { InstanceState, SpotAction } from './signals';
