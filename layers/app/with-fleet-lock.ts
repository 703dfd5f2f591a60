/** Serialize read-modify-write of one fleet's target: two interruptions at once must both count. */
import { SignalProcessingError } from './errors';
import type { SpotDeps } from './spot-deps';

const LOCK_LEASE_MS = 30_000;
const ATTEMPTS = 20;
const WAIT_MS = 250;

export const withFleetLock = async <T>(
  deps: Pick<SpotDeps, 'ledger' | 'clock'>,
  fleetId: string,
  work: () => Promise<T>,
): Promise<T> => {
  const name = `fleet#${fleetId}`;
  const owner = `${fleetId}:${deps.clock.nowMs()}:${Math.floor(performance.now() * 1000)}`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (await deps.ledger.acquireLock(name, owner, deps.clock.nowMs(), LOCK_LEASE_MS)) {
      try {
        return await work();
      } finally {
        await deps.ledger.releaseLock(name, owner);
      }
    }
    await deps.clock.sleep(WAIT_MS);
  }
  throw new SignalProcessingError(`acquiring the lock of fleet ${fleetId}: still held after ${ATTEMPTS} attempts`, true);
};
