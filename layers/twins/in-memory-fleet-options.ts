/** Options and call log of the in-memory EC2 Fleet twin: what it starts with and what it records. */
import type { Pool } from '../core/fleet';
import type { FleetPort, ModifyFleetRequest } from '../ports/fleet-port';
import type { FleetSeed, InstanceSeed } from './in-memory-fleet-state';

export type FleetMethod = keyof FleetPort;

/** One call the twin received, in order, whether it succeeded or not. */
export type FleetCall =
  | { method: 'describeInstances'; instanceIds: string[] }
  | { method: 'describeFleet'; fleetId: string }
  | { method: 'modifyFleet'; request: ModifyFleetRequest }
  | { method: 'createTags'; instanceId: string; tags: Record<string, string> }
  | { method: 'deleteTags'; instanceId: string; tagKeys: string[] }
  | { method: 'listFleetInstances'; fleetId: string }
  | { method: 'terminateInstance'; instanceId: string };

export interface InMemoryFleetOptions {
  fleets?: FleetSeed[];
  instances?: InstanceSeed[];
  /** Subnet id -> AZ, for overrides that name only a subnet. */
  subnets?: Record<string, string>;
  /** $/hour of a pool, for the `lowest-price` allocation; undefined when unknown. */
  priceUsdPerHour?: (pool: Pool) => number | undefined;
  /** How long a launched instance stays `pending` (default 0: running at once; boot time is the simulator's). */
  pendingMs?: number;
  /**
   * With a clock, a modified fleet is `modifying` for this long and then `active` again, as EC2 finishes a
   * modification within seconds; without one it stays `modifying` until the next `fulfil`.
   */
  modifying?: { clock: { nowMs(): number }; durationMs: number };
}
