// The ledger contract, part two: incidents, actions, at-risk pools and interruption history.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../layers/core/incident';
import { IncidentConflictError, type ActionRecord, type LedgerPort } from '../../layers/ports/ledger-port';
import { makeIncident, WARNING_AT_MS as T0 } from '../helpers/incident-fixtures';

const MINUTE = 60_000;
const POOL_A = 'g5.xlarge:us-east-1a:spot';
const POOL_B = 'g5.2xlarge:us-east-1b:spot';

const incidentAt = (version: number, overrides: Partial<Incident> = {}): Incident =>
  makeIncident({ version, updatedAtMs: T0 + version * 1_000, ...overrides });

const action = (overrides: Partial<ActionRecord> = {}): ActionRecord => ({
  incidentId: 'spot-i-0a1b2c3d4e5f60718',
  idempotencyKey: 'evt-5a7f2e4c:surge',
  type: 'modify-fleet-capacity',
  fleetId: 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b',
  instanceId: 'i-0a1b2c3d4e5f60718',
  reason: 'replace 120 QPS away from g5.xlarge:us-east-1a:spot',
  before: { totalTargetCapacity: 960 },
  after: { totalTargetCapacity: 1080, avoidPools: [POOL_A] },
  status: 'applied',
  atMs: T0 + 2_000,
  ...overrides,
});

/** Part of describeLedgerContract: runs inside its describe, on the ledger its beforeEach made. */
export const describeLedgerRecordsContract = (ledger: () => LedgerPort): void => {
  describe('incidents', () => {
    it('has no incident for an instance never seen', async () => {
      // Act + Assess
      expect(await ledger().getIncident('i-0a1b2c3d4e5f60718')).toBeUndefined();
    });

    it('returns a new incident exactly as saved, optional fields left out included', async () => {
      // Prepare
      const incident = incidentAt(1, { spotAction: undefined, outcome: undefined });
      // Act
      await ledger().saveIncident(incident);
      // Assess
      expect(await ledger().getIncident(incident.instanceId)).toEqual(incident);
    });

    it('saves each next version over the previous one', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1, { phase: 'rebalance-recommended' }));
      // Act
      await ledger().saveIncident(incidentAt(2, { phase: 'interruption-warned' }));
      // Assess
      expect(await ledger().getIncident('i-0a1b2c3d4e5f60718')).toEqual(incidentAt(2, { phase: 'interruption-warned' }));
    });

    it('rejects a concurrent save of the same version and keeps the first', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1));
      await ledger().saveIncident(incidentAt(2, { reasons: ['first writer'] }));
      // Act
      const second = ledger().saveIncident(incidentAt(2, { reasons: ['second writer'] }));
      // Assess
      await expect(second).rejects.toBeInstanceOf(IncidentConflictError);
      expect((await ledger().getIncident('i-0a1b2c3d4e5f60718'))?.reasons).toEqual(['first writer']);
    });

    it('rejects a version that skips one, and a second version 1', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1));
      // Act + Assess
      await expect(ledger().saveIncident(incidentAt(3))).rejects.toBeInstanceOf(IncidentConflictError);
      await expect(ledger().saveIncident(incidentAt(1))).rejects.toBeInstanceOf(IncidentConflictError);
    });

    it('opens a new incident for an instance whose previous incident has ended', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1, { incidentId: 'spot-old', phase: 'closed' }));
      const reopened = incidentAt(1, { incidentId: 'spot-new', phase: 'rebalance-recommended' });
      // Act
      await ledger().saveIncident(reopened);
      // Assess
      expect(await ledger().getIncident('i-0a1b2c3d4e5f60718')).toEqual(reopened);
    });

    it('refuses a second new incident while the instance has an open one', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1, { incidentId: 'spot-first', phase: 'rebalance-recommended' }));
      // Act
      const second = ledger().saveIncident(incidentAt(1, { incidentId: 'spot-second', phase: 'interruption-warned' }));
      // Assess
      await expect(second).rejects.toBeInstanceOf(IncidentConflictError);
    });
  });

  describe('actions', () => {
    it("lists an incident's actions oldest first", async () => {
      // Prepare
      const drain = action({ idempotencyKey: 'evt-5a7f2e4c:drain', type: 'tag-drain', atMs: T0 + 2_300 });
      const surge = action();
      const followUp = action({ idempotencyKey: 'evt-5a7f2e4c:follow-up', type: 'schedule-follow-up', atMs: T0 + 2_500 });
      // Act
      for (const record of [followUp, drain, surge]) await ledger().recordAction(record);
      // Assess
      expect(await ledger().listActions('spot-i-0a1b2c3d4e5f60718')).toEqual([surge, drain, followUp]);
    });

    it('keeps the first record when the same idempotency key is recorded again', async () => {
      // Prepare
      await ledger().recordAction(action());
      // Act
      await ledger().recordAction(action({ status: 'failed', error: 'ThrottlingException', atMs: T0 + 9_000 }));
      // Assess
      expect(await ledger().listActions('spot-i-0a1b2c3d4e5f60718')).toEqual([action()]);
    });

    it('keeps the actions of different incidents apart, even under the same key', async () => {
      // Prepare
      await ledger().recordAction(action());
      await ledger().recordAction(action({ incidentId: 'spot-i-0fedcba9876543210' }));
      // Act
      const listed = await ledger().listActions('spot-i-0fedcba9876543210');
      // Assess
      expect(listed).toEqual([action({ incidentId: 'spot-i-0fedcba9876543210' })]);
      expect(await ledger().listActions('spot-i-unknown')).toEqual([]);
    });
  });

  describe('at-risk pools', () => {
    it('lists the pools still at risk and drops those whose time has passed', async () => {
      // Prepare
      await ledger().markPoolAtRisk({ poolKey: POOL_B, untilMs: T0 + 30 * MINUTE, reason: 'interruption warning' });
      await ledger().markPoolAtRisk({ poolKey: POOL_A, untilMs: T0 + 10 * MINUTE, reason: 'insufficient capacity' });
      // Act
      const early = await ledger().listAtRiskPools(T0);
      const atEndOfA = await ledger().listAtRiskPools(T0 + 10 * MINUTE);
      const late = await ledger().listAtRiskPools(T0 + 30 * MINUTE);
      // Assess
      expect(early.map((pool) => pool.poolKey)).toEqual([POOL_B, POOL_A]);
      expect(atEndOfA).toEqual([{ poolKey: POOL_B, untilMs: T0 + 30 * MINUTE, reason: 'interruption warning' }]);
      expect(late).toEqual([]);
    });

    it('keeps the later end when a pool is marked again with an earlier one', async () => {
      // Prepare
      await ledger().markPoolAtRisk({ poolKey: POOL_A, untilMs: T0 + 30 * MINUTE, reason: 'interruption warning' });
      // Act
      await ledger().markPoolAtRisk({ poolKey: POOL_A, untilMs: T0 + 10 * MINUTE, reason: 'late rebalance' });
      await ledger().markPoolAtRisk({ poolKey: POOL_B, untilMs: T0 + 5 * MINUTE, reason: 'first' });
      await ledger().markPoolAtRisk({ poolKey: POOL_B, untilMs: T0 + 40 * MINUTE, reason: 'second warning' });
      // Assess
      expect(await ledger().listAtRiskPools(T0 + 20 * MINUTE)).toEqual([
        { poolKey: POOL_B, untilMs: T0 + 40 * MINUTE, reason: 'second warning' },
        { poolKey: POOL_A, untilMs: T0 + 30 * MINUTE, reason: 'interruption warning' },
      ]);
    });
  });

  describe('interruption history', () => {
    it('counts the interruptions of one pool at or after the window start', async () => {
      // Prepare
      await ledger().recordInterruption(POOL_A, 'i-0000000000000000a', T0 - 120 * MINUTE);
      await ledger().recordInterruption(POOL_A, 'i-0000000000000000b', T0 - 30 * MINUTE);
      await ledger().recordInterruption(POOL_A, 'i-0000000000000000c', T0);
      await ledger().recordInterruption(POOL_B, 'i-0000000000000000d', T0);
      // Act
      const lastHour = await ledger().countInterruptions(POOL_A, T0 - 60 * MINUTE);
      const fromSecond = await ledger().countInterruptions(POOL_A, T0 - 30 * MINUTE);
      const future = await ledger().countInterruptions(POOL_A, T0 + 1);
      // Assess
      expect([lastHour, fromSecond, future]).toEqual([2, 2, 0]);
      expect(await ledger().countInterruptions(POOL_B, 0)).toBe(1);
    });

    it('counts an interruption recorded twice (a retried event) once', async () => {
      // Prepare
      await ledger().recordInterruption(POOL_A, 'i-0a1b2c3d4e5f60718', T0);
      // Act
      await ledger().recordInterruption(POOL_A, 'i-0a1b2c3d4e5f60718', T0);
      // Assess
      expect(await ledger().countInterruptions(POOL_A, T0 - MINUTE)).toBe(1);
    });
  });
};
