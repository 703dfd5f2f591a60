/** How often the rebalancer looks at a replacement in progress, and how long it waits before giving up. */
import type { FleetConfig } from '../core/fleet';

/** A surge that is not serving yet: look again this often. */
export const LAUNCH_POLL_MS = 120_000;
/** An instance draining: look for the agent's acknowledgement this often (or at the deadline, if sooner). */
export const DRAIN_POLL_MS = 60_000;
/** A step the guard held (kill switch, cooldown) or an open incident: look again after this. */
export const BLOCKED_RETRY_MS = 15 * 60_000;
/** A one-time schedule must lie in the future when it is created. */
export const MIN_SCHEDULE_LEAD_MS = 60_000;
/** A check this late is taken as lost (its schedule failed or went to the DLQ): the scheduled run resumes the move. */
export const LOST_CHECK_GRACE_MS = 5 * 60_000;
/** After giving up on a surge (no capacity in the wanted pools), no new replacement starts for this long. */
export const GIVE_UP_COOLDOWN_MS = 3_600_000;

/** How long a surge may take to serve before the move gives up: three launch lead times, at least half an hour. */
export const maxLaunchWaitMs = (fleet: FleetConfig): number => Math.max(30 * 60_000, 3 * fleet.launchLeadTimeSeconds * 1000);
