// The ledger contract, part three: a fleet's open incidents and the forecast scaler's versioned state.
import { describe, expect, it } from 'vitest';
import { emptyForecastState, type ForecastState } from '../../layers/core/forecast/forecast-state';
import type { Incident } from '../../layers/core/incident';
import { ForecastStateConflictError, IncidentConflictError, type LedgerPort } from '../../layers/ports/ledger-port';
import { makeIncident, WARNING_AT_MS as T0 } from '../helpers/incident-fixtures';

const DAY = 24 * 3_600_000;
const FLEET = 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b';
const OTHER_FLEET = 'fleet-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

/** Version `version` of an incident saved `version` minutes after T0 (opened at T0). */
const incidentAt = (version: number, overrides: Partial<Incident> = {}): Incident =>
  makeIncident({ version, openedAtMs: T0, updatedAtMs: T0 + version * 60_000, ...overrides });
const onInstance = (instanceId: string, overrides: Partial<Incident> = {}): Incident =>
  incidentAt(1, { instanceId, incidentId: `spot-${instanceId}`, ...overrides });
const stateAt = (version: number, overrides: Partial<ForecastState> = {}): ForecastState => ({
  ...emptyForecastState(FLEET),
  version,
  lastRunAtMs: T0 + version * 300_000,
  pending: [{ atMs: T0 + 3_600_000, point: 1_840.5, naive: 1_790 }],
  scored: [{ atMs: T0, modelError: 42.25, naiveError: 61 }],
  scaleIns: [{ atMs: T0 - 600_000, units: 120 }],
  ...overrides,
});

/** Part of describeLedgerContract: runs inside its describe, on the ledger its beforeEach made. */
export const describeLedgerFleetContract = (ledger: () => LedgerPort): void => {
  describe('open incidents of a fleet', () => {
    it('lists none for a fleet never seen', async () => {
      // Act + Assess
      expect(await ledger().listOpenIncidentIds(FLEET, T0)).toEqual([]);
    });

    it("lists the fleet's open incidents of every instance, by id, and no other fleet's", async () => {
      // Prepare
      await ledger().saveIncident(onInstance('i-0bbb', { phase: 'rebalance-recommended' }));
      await ledger().saveIncident(onInstance('i-0aaa'));
      await ledger().saveIncident(onInstance('i-0ccc', { fleetId: OTHER_FLEET }));
      // Act
      const listed = await ledger().listOpenIncidentIds(FLEET, T0 + 120_000);
      // Assess
      expect(listed).toEqual(['spot-i-0aaa', 'spot-i-0bbb']);
    });

    it.each(['closed', 'stood-down'] as const)('stops listing an incident once it is %s', async (phase) => {
      // Prepare
      await ledger().saveIncident(incidentAt(1));
      // Act
      await ledger().saveIncident(incidentAt(2, { phase }));
      // Assess
      expect(await ledger().listOpenIncidentIds(FLEET, T0 + 180_000)).toEqual([]);
    });

    it('lists only the new incident of an instance whose previous one ended', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1, { incidentId: 'spot-old' }));
      await ledger().saveIncident(incidentAt(2, { incidentId: 'spot-old', phase: 'closed' }));
      // Act
      await ledger().saveIncident(incidentAt(1, { incidentId: 'spot-new', updatedAtMs: T0 + 600_000 }));
      // Assess
      expect(await ledger().listOpenIncidentIds(FLEET, T0 + 600_000)).toEqual(['spot-new']);
    });

    it('does not list an incident whose save lost to an open incident of the same instance', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1, { incidentId: 'spot-winner' }));
      // Act
      const loser = ledger().saveIncident(incidentAt(1, { incidentId: 'spot-loser' }));
      // Assess
      await expect(loser).rejects.toBeInstanceOf(IncidentConflictError);
      expect(await ledger().listOpenIncidentIds(FLEET, T0 + 60_000)).toEqual(['spot-winner']);
    });

    it('keeps an incident unlisted when a late open save loses to the save that closed it', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1));
      await ledger().saveIncident(incidentAt(2, { phase: 'closed' }));
      // Act
      const late = ledger().saveIncident(incidentAt(2, { phase: 'interruption-warned' }));
      // Assess
      await expect(late).rejects.toBeInstanceOf(IncidentConflictError);
      expect(await ledger().listOpenIncidentIds(FLEET, T0 + 120_000)).toEqual([]);
    });

    it('lists an open incident until a day after its last save, each save starting the day again', async () => {
      // Prepare
      await ledger().saveIncident(incidentAt(1));
      const lastSave = T0 + 60_000;
      // Act
      const justBefore = await ledger().listOpenIncidentIds(FLEET, lastSave + DAY - 1);
      const atTheDay = await ledger().listOpenIncidentIds(FLEET, lastSave + DAY);
      await ledger().saveIncident(incidentAt(2, { updatedAtMs: lastSave + DAY - 1_000 }));
      const afterRefresh = await ledger().listOpenIncidentIds(FLEET, lastSave + DAY);
      // Assess
      expect([justBefore, atTheDay, afterRefresh]).toEqual([['spot-i-0a1b2c3d4e5f60718'], [], ['spot-i-0a1b2c3d4e5f60718']]);
    });
  });

  describe('forecast state', () => {
    it('has none for a fleet never run', async () => {
      // Act + Assess
      expect(await ledger().getForecastState(FLEET)).toBeUndefined();
    });

    it('returns a first state exactly as saved, optional fields left out or set', async () => {
      // Prepare
      const first = stateAt(1);
      const second = stateAt(2, { driftAlertedAtMs: T0 + 1_000, missingHistoryAlertedAtMs: T0 + 2_000, pending: [] });
      // Act
      await ledger().saveForecastState(first);
      const readFirst = await ledger().getForecastState(FLEET);
      await ledger().saveForecastState(second);
      // Assess
      expect([readFirst, await ledger().getForecastState(FLEET)]).toEqual([first, second]);
    });

    it('rejects a second run saving the same version, and keeps the first', async () => {
      // Prepare
      await ledger().saveForecastState(stateAt(1));
      await ledger().saveForecastState(stateAt(2, { lastRunAtMs: 1 }));
      // Act
      const second = ledger().saveForecastState(stateAt(2, { lastRunAtMs: 2 }));
      // Assess
      await expect(second).rejects.toBeInstanceOf(ForecastStateConflictError);
      expect((await ledger().getForecastState(FLEET))?.lastRunAtMs).toBe(1);
    });

    it('rejects a skipped version, a first save that is not version 1, and version 1 over a stored state', async () => {
      // Act + Assess
      await expect(ledger().saveForecastState(stateAt(2))).rejects.toMatchObject({ name: 'ForecastStateConflictError', retryable: true });
      await ledger().saveForecastState(stateAt(1));
      await expect(ledger().saveForecastState(stateAt(3))).rejects.toBeInstanceOf(ForecastStateConflictError);
      await expect(ledger().saveForecastState(stateAt(1))).rejects.toBeInstanceOf(ForecastStateConflictError);
    });

    it('keeps the states of fleets apart', async () => {
      // Prepare
      await ledger().saveForecastState(stateAt(1));
      // Act
      await ledger().saveForecastState(stateAt(1, { fleetId: OTHER_FLEET, lastRunAtMs: 7 }));
      // Assess
      expect([(await ledger().getForecastState(FLEET))?.lastRunAtMs, (await ledger().getForecastState(OTHER_FLEET))?.lastRunAtMs]).toEqual([
        stateAt(1).lastRunAtMs,
        7,
      ]);
    });
  });
};
