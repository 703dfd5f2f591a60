/** Contract of ReplacementCheckPort: one check per name, delivered at its time with its move, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplacementCheckPort, ReplacementCheckRequest, ReplacementStepDetail } from '../../layers/ports/replacement-check-port';

/** A check as the implementation holds it, read back in the port's terms. */
export interface PendingCheck {
  atMs: number;
  detail: ReplacementStepDetail;
}

export interface ReplacementCheckContractSubject {
  port: ReplacementCheckPort;
  /** A port over the same kind of service that cannot answer (throttled). */
  unavailablePort: ReplacementCheckPort;
  /** The checks waiting to fire, earliest first. */
  pending(): PendingCheck[];
}

/** A surge asked at 12:00 on a fleet with a 7-minute launch lead time: its first check at 12:07. */
const SURGE_AT_MS = Date.UTC(2026, 2, 1, 12, 0, 0);
const FLEET_ID = 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f';
const MOVE_ID = `${FLEET_ID}:rebalance:i-0a1b2c3d4e5f60718`;
const check = (name: string, n: number, atMs = SURGE_AT_MS + 420_000): ReplacementCheckRequest => ({ name, atMs, detail: { fleetId: FLEET_ID, moveId: MOVE_ID, check: n } });

export const describeReplacementCheckContract = (implementation: string, makeSubject: () => ReplacementCheckContractSubject): void => {
  describe(`ReplacementCheckPort contract: ${implementation}`, () => {
    let subject: ReplacementCheckContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it('holds a check for its time with the fleet, the move and the check number', async () => {
      // Act
      await subject.port.scheduleCheck(check('rb-bert-large-qa-i-0a1b2c3d4e5f60718-1', 1));

      // Assess
      expect(subject.pending()).toEqual([{ atMs: SURGE_AT_MS + 420_000, detail: { fleetId: FLEET_ID, moveId: MOVE_ID, check: 1 } }]);
    });

    it('keeps the first check when the same name is scheduled again, and resolves both times', async () => {
      // Prepare
      await subject.port.scheduleCheck(check('rb-bert-large-qa-i-0a1b2c3d4e5f60718-1', 1));

      // Act
      const again = subject.port.scheduleCheck(check('rb-bert-large-qa-i-0a1b2c3d4e5f60718-1', 2));

      // Assess
      await expect(again).resolves.toBeUndefined();
      expect(subject.pending().map((p) => p.detail.check)).toEqual([1]);
    });

    it('tells apart long names that differ only past 64 characters', async () => {
      // Act
      await subject.port.scheduleCheck(check(`rebalance:${MOVE_ID}:1`, 1));
      await subject.port.scheduleCheck(check(`rebalance:${MOVE_ID}:2`, 2, SURGE_AT_MS + 540_000));

      // Assess
      expect(subject.pending().map((p) => p.detail.check)).toEqual([1, 2]);
    });

    it('rejects with a retryable ReplacementCheckError naming the check when the service cannot answer', async () => {
      // Act
      const scheduling = subject.unavailablePort.scheduleCheck(check('rb-bert-large-qa-i-0a1b2c3d4e5f60718-1', 1));

      // Assess
      await expect(scheduling).rejects.toMatchObject({ name: 'ReplacementCheckError', retryable: true });
      await expect(scheduling).rejects.toThrow(/^scheduling replacement check rb-bert-large-qa-i-0a1b2c3d4e5f60718-1/);
    });
  });
};
