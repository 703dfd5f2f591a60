// The LedgerPort contract: what every ledger (in-memory twin, DynamoDB adapter) must do alike.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LedgerPort } from '../../layers/ports/ledger-port';
import { describeLedgerFleetContract } from './ledger-fleet.contract';
import { describeLedgerGpuAlarmContract } from './ledger-gpu-alarm.contract';
import { describeLedgerRecordsContract } from './ledger-records.contract';
import { describeLedgerRebalanceStateContract } from './ledger-rebalance-state.contract';

/** 2026-03-14T03:12:00Z, a whole second, so TTL seconds and lease milliseconds line up exactly. */
const T0 = Date.UTC(2026, 2, 14, 3, 12, 0);
const MINUTE = 60_000;
const DAY_SECONDS = 86_400;

/**
 * Runs the ledger contract against one implementation. `makeSubject` must return an empty ledger each time.
 *
 * @example
 * describeLedgerContract('InMemoryLedger', async () => new InMemoryLedger());
 */
export const describeLedgerContract = (name: string, makeSubject: () => Promise<LedgerPort>): void => {
  describe(`${name} (ledger contract)`, () => {
    let ledger: LedgerPort;
    beforeEach(async () => {
      ledger = await makeSubject();
    });

    describe('claims', () => {
      it('acquires a key nobody holds', async () => {
        // Act
        const result = await ledger.claim('evt-5a7f2e4c', T0, MINUTE, DAY_SECONDS);
        // Assess
        expect(result).toBe('acquired');
      });

      it('reports in-progress while another invocation holds an unexpired lease', async () => {
        // Prepare
        await ledger.claim('evt-5a7f2e4c', T0, MINUTE, DAY_SECONDS);
        // Act
        const result = await ledger.claim('evt-5a7f2e4c', T0 + MINUTE - 1, MINUTE, DAY_SECONDS);
        // Assess
        expect(result).toBe('in-progress');
      });

      it('reports completed once the holder completed, long after its lease ran out', async () => {
        // Prepare
        await ledger.claim('evt-5a7f2e4c', T0, MINUTE, DAY_SECONDS);
        await ledger.completeClaim('evt-5a7f2e4c', T0 + 5_000);
        // Act
        const result = await ledger.claim('evt-5a7f2e4c', T0 + 10 * MINUTE, MINUTE, DAY_SECONDS);
        // Assess
        expect(result).toBe('completed');
      });

      it('hands an expired lease to the next invocation, which then holds it', async () => {
        // Prepare
        await ledger.claim('evt-5a7f2e4c', T0, MINUTE, DAY_SECONDS);
        // Act
        const retaken = await ledger.claim('evt-5a7f2e4c', T0 + MINUTE, MINUTE, DAY_SECONDS);
        const third = await ledger.claim('evt-5a7f2e4c', T0 + MINUTE + 1, MINUTE, DAY_SECONDS);
        // Assess
        expect([retaken, third]).toEqual(['acquired', 'in-progress']);
      });

      it('remembers a completed key until its TTL passes, then forgets it', async () => {
        // Prepare
        await ledger.claim('evt-5a7f2e4c', T0, MINUTE, 3_600);
        await ledger.completeClaim('evt-5a7f2e4c', T0 + 5_000);
        // Act
        const justBefore = await ledger.claim('evt-5a7f2e4c', T0 + 3_600_000 - 1, MINUTE, 3_600);
        const atExpiry = await ledger.claim('evt-5a7f2e4c', T0 + 3_600_000, MINUTE, 3_600);
        // Assess
        expect([justBefore, atExpiry]).toEqual(['completed', 'acquired']);
      });

      it('lets a retry take a released claim at once', async () => {
        // Prepare
        await ledger.claim('evt-5a7f2e4c', T0, 10 * MINUTE, DAY_SECONDS);
        await ledger.releaseClaim('evt-5a7f2e4c');
        // Act
        const result = await ledger.claim('evt-5a7f2e4c', T0 + 1_000, MINUTE, DAY_SECONDS);
        // Assess
        expect(result).toBe('acquired');
      });

      it('keeps a completed claim completed when it is released afterwards', async () => {
        // Prepare
        await ledger.claim('evt-5a7f2e4c', T0, MINUTE, DAY_SECONDS);
        await ledger.completeClaim('evt-5a7f2e4c', T0 + 5_000);
        // Act
        await ledger.releaseClaim('evt-5a7f2e4c');
        // Assess
        expect(await ledger.claim('evt-5a7f2e4c', T0 + 6_000, MINUTE, DAY_SECONDS)).toBe('completed');
      });

      it('keeps keys apart', async () => {
        // Prepare
        await ledger.claim('evt-5a7f2e4c', T0, MINUTE, DAY_SECONDS);
        // Act
        const other = await ledger.claim('evt-9b1d4c3e', T0, MINUTE, DAY_SECONDS);
        // Assess
        expect(other).toBe('acquired');
      });
    });

    describe('locks', () => {
      const lock = 'fleet-6f2a9c4e/capacity';

      it('grants a lock to one owner at a time', async () => {
        // Act
        const first = await ledger.acquireLock(lock, 'invocation-a', T0, MINUTE);
        const second = await ledger.acquireLock(lock, 'invocation-b', T0 + 1_000, MINUTE);
        // Assess
        expect([first, second]).toEqual([true, false]);
      });

      it('lets the holder take it again to extend its lease', async () => {
        // Prepare
        await ledger.acquireLock(lock, 'invocation-a', T0, MINUTE);
        // Act
        const renewed = await ledger.acquireLock(lock, 'invocation-a', T0 + 50_000, MINUTE);
        const other = await ledger.acquireLock(lock, 'invocation-b', T0 + MINUTE + 1_000, MINUTE);
        // Assess
        expect([renewed, other]).toEqual([true, false]);
      });

      it('hands a lock whose lease ran out to another owner', async () => {
        // Prepare
        await ledger.acquireLock(lock, 'invocation-a', T0, MINUTE);
        // Act
        const taken = await ledger.acquireLock(lock, 'invocation-b', T0 + MINUTE, MINUTE);
        // Assess
        expect(taken).toBe(true);
        expect(await ledger.acquireLock(lock, 'invocation-a', T0 + MINUTE + 1, MINUTE)).toBe(false);
      });

      it('is released only by its owner', async () => {
        // Prepare
        await ledger.acquireLock(lock, 'invocation-a', T0, MINUTE);
        // Act
        await ledger.releaseLock(lock, 'invocation-b');
        const whileHeld = await ledger.acquireLock(lock, 'invocation-b', T0 + 1_000, MINUTE);
        await ledger.releaseLock(lock, 'invocation-a');
        const afterRelease = await ledger.acquireLock(lock, 'invocation-b', T0 + 2_000, MINUTE);
        // Assess
        expect([whileHeld, afterRelease]).toEqual([false, true]);
      });
    });

    describe('cooldowns', () => {
      it('has none for a scope never set', async () => {
        // Act + Assess
        expect(await ledger.getCooldownUntil('fleet-6f2a9c4e/scale-in')).toBeUndefined();
      });

      it('returns the end last set for each scope', async () => {
        // Prepare
        await ledger.setCooldownUntil('fleet-6f2a9c4e/scale-in', T0 + 15 * MINUTE);
        await ledger.setCooldownUntil('fleet-6f2a9c4e/scale-in', T0 + 5 * MINUTE);
        await ledger.setCooldownUntil('fleet-6f2a9c4e/scale-out', T0 + 3 * MINUTE);
        // Act
        const scaleIn = await ledger.getCooldownUntil('fleet-6f2a9c4e/scale-in');
        const scaleOut = await ledger.getCooldownUntil('fleet-6f2a9c4e/scale-out');
        // Assess
        expect([scaleIn, scaleOut]).toEqual([T0 + 5 * MINUTE, T0 + 3 * MINUTE]);
      });
    });

    describeLedgerRecordsContract(() => ledger);
    describeLedgerFleetContract(() => ledger);
    describeLedgerGpuAlarmContract(() => ledger);
    describeLedgerRebalanceStateContract(() => ledger);
  });
};
