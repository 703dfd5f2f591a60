// The rebalancer-state part of the LedgerPort contract: one versioned state per fleet, kept beside its requests.
import { describe, expect, it } from 'vitest';
import { emptyRebalanceState, type RebalanceState } from '../../layers/core/rebalancer/rebalance-state';
import { startMove } from '../../layers/core/rebalancer/replacement-move';
import { RebalanceStateConflictError, type LedgerPort } from '../../layers/ports/ledger-port';
import { fleetInstance, NOW, seedFleet, SEED_FLEET_ID } from '../helpers/rebalance-factories';

const OTHER_FLEET = 'fleet-0a0b0c0d-1111-4222-8333-444455556666';

/** A state with a replacement in flight, as a run saves it. */
const stateAt = (version: number, overrides: Partial<RebalanceState> = {}): RebalanceState => {
  const fleet = seedFleet();
  const old = fleetInstance(0, 'p3.2xlarge', 'us-east-1a', 'on-demand');
  const move = startMove({
    fleet,
    replacement: {
      instanceId: old.instanceId,
      from: { instanceType: 'p3.2xlarge', availabilityZone: 'us-east-1a', market: 'on-demand' },
      launches: [{ pool: { instanceType: 'g6e.xlarge', availabilityZone: 'us-east-1b', market: 'spot' }, count: 1 }],
      unitsAfter: 1_100,
      idempotencyKey: `${SEED_FLEET_ID}:rebalance:${old.instanceId}`,
    },
    usdPerHourOf: (pool) => (pool.market === 'spot' ? 0.93 : 3.06),
    reason: 'p3.2xlarge us-east-1a (on-demand): $12.44 per 1k QPS-hour against $1.01 per 1k QPS-hour; moving 20% to g6e.xlarge us-east-1b, saving $11.73/h',
    demandUnits: 1_000,
    startTotal: 1_000,
    nowMs: NOW,
  });
  return {
    ...emptyRebalanceState(SEED_FLEET_ID),
    version,
    marketMode: { mode: 'spot', sinceMs: NOW - 86_400_000, reason: 'Spot preferred' },
    lastPlannedAtMs: NOW + version * 60_000,
    move: { ...move, phase: 'launching', check: 1, surge: { from: { total: 1_000, onDemand: 1_000, spot: 0 }, to: { total: 1_310, onDemand: 1_000, spot: 310 }, atMs: NOW }, knownInstanceIds: [old.instanceId] },
    addedUnits: 530,
    replacementStartsMs: [NOW],
    ...overrides,
  };
};

/** Part of describeLedgerContract: runs inside its describe, on the ledger its beforeEach made. */
export const describeLedgerRebalanceStateContract = (ledger: () => LedgerPort): void => {
  describe('rebalancer state', () => {
    it('has none for a fleet never planned', async () => {
      // Act
      const state = await ledger().getRebalanceState(SEED_FLEET_ID);
      // Assess
      expect(state).toBeUndefined();
    });

    it('returns each saved state exactly as saved, its replacement included', async () => {
      // Prepare
      const first = stateAt(1, { heldForIncident: true });
      const second = stateAt(2, { move: undefined, replanAtMs: NOW + 3_600_000 });
      delete second.move;
      // Act
      await ledger().saveRebalanceState(first);
      const readFirst = await ledger().getRebalanceState(SEED_FLEET_ID);
      await ledger().saveRebalanceState(second);
      // Assess
      expect([readFirst, await ledger().getRebalanceState(SEED_FLEET_ID)]).toEqual([first, second]);
    });

    it('rejects a second run saving the same version, and keeps the first', async () => {
      // Prepare
      await ledger().saveRebalanceState(stateAt(1));
      await ledger().saveRebalanceState(stateAt(2, { lastPlannedAtMs: 1 }));
      // Act
      const late = ledger().saveRebalanceState(stateAt(2, { lastPlannedAtMs: 2 }));
      // Assess
      await expect(late).rejects.toBeInstanceOf(RebalanceStateConflictError);
      await expect(ledger().saveRebalanceState(stateAt(4))).rejects.toMatchObject({ name: 'RebalanceStateConflictError', retryable: true });
      expect((await ledger().getRebalanceState(SEED_FLEET_ID))?.lastPlannedAtMs).toBe(1);
    });

    it('keeps fleets apart, and apart from their rebalance requests', async () => {
      // Prepare
      await ledger().saveRebalanceState(stateAt(1));
      await ledger().requestRebalance({ fleetId: SEED_FLEET_ID, reason: 'memory-pressure', detail: 'GPU memory 92% used', requestedAtMs: NOW, eventId: 'e-1' });
      // Act
      await ledger().saveRebalanceState(stateAt(1, { fleetId: OTHER_FLEET, lastPlannedAtMs: 7 }));
      // Assess
      expect((await ledger().getRebalanceState(OTHER_FLEET))?.lastPlannedAtMs).toBe(7);
      expect((await ledger().getRebalanceState(SEED_FLEET_ID))?.lastPlannedAtMs).toBe(stateAt(1).lastPlannedAtMs);
      expect((await ledger().listRebalanceRequests(SEED_FLEET_ID)).map((r) => r.reason)).toEqual(['memory-pressure']);
    });
  });
};
