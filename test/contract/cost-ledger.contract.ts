// The cost ledger contract: what every CostLedgerPort (twin and DynamoDB adapter) must do with samples, incidents and spend-watch state.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CostAnomaly } from '../../layers/core/cost/cost-anomaly';
import type { CostIncident } from '../../layers/core/cost/cost-incident';
import type { CostSample } from '../../layers/core/cost/cost-sample';
import type { SpendWatchState } from '../../layers/core/cost/spend-watch-state';
import { CostLedgerConflictError, type CostLedgerPort } from '../../layers/ports/cost-ledger-port';

const T0 = Date.UTC(2026, 10, 28, 14, 0);
const FLEET = 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b';
const OTHER_FLEET = 'fleet-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

/** A g5.xlarge fleet with two Spot pools and an on-demand base, sampled at `atMs`. */
const sampleAt = (atMs: number, fleetId = FLEET): CostSample => ({
  fleetId,
  atMs,
  intervalSeconds: 300,
  pools: [
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'on-demand', instances: 2, usdPerHour: 1.006 },
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'spot', instances: 5, usdPerHour: 0.4121 },
    { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1c', market: 'spot', instances: 1, usdPerHour: 0.3711 },
  ],
  spendUsdPerHour: 2 * 1.006 + 5 * 0.4121 + 0.3711,
  liveUnits: 320,
});

/** The anomaly of AWS's documented EventBridge example, as the parser hands it over. */
const anomalyOf = (anomalyId: string, startMs: number): CostAnomaly => ({
  anomalyId,
  via: 'eventbridge',
  accountId: '123456789012',
  monitorArn: 'arn:aws:ce::123456789012:anomalymonitor/3f2ab0c5-8e1d-4a67-9f3b-2c4d5e6f7a8b',
  startMs,
  dimensionValue: 'Amazon Elastic Compute Cloud - Compute',
  score: { current: 0.81, max: 0.93 },
  impact: { maxImpactUsd: 151, totalImpactUsd: 1_210.5, totalActualSpendUsd: 2_420, totalExpectedSpendUsd: 1_209.5 },
  rootCauses: [{ service: 'Amazon Elastic Compute Cloud - Compute', region: 'us-east-1', usageType: 'SpotUsage:g5.xlarge', impactUsd: 1_210.5 }],
  receivedAtMs: startMs + 9 * 3_600_000,
});

const incidentOf = (anomalyId: string, openedAtMs: number, overrides: Partial<CostIncident> = {}): CostIncident => ({
  anomalyId,
  version: 1,
  anomaly: anomalyOf(anomalyId, openedAtMs - 3_600_000),
  fleetIds: [FLEET],
  openedAtMs,
  updatedAtMs: openedAtMs,
  impactUsd: 1_210.5,
  status: 'open',
  remediations: [],
  ...overrides,
});

const watchOf = (version: number, overrides: Partial<SpendWatchState> = {}): SpendWatchState => ({
  fleetId: FLEET,
  version,
  lastRunAtMs: T0 + version * 300_000,
  ...overrides,
});

/** Runs the contract on a fresh subject per test (each may create its own table). */
export const describeCostLedgerContract = (name: string, makeSubject: () => Promise<CostLedgerPort>): void => {
  describe(`${name} as a CostLedgerPort`, () => {
    let costs: CostLedgerPort;
    beforeEach(async () => {
      costs = await makeSubject();
    });

    describe('cost samples', () => {
      it("lists a fleet's samples in [from, to), oldest first, and no other fleet's", async () => {
        // Prepare
        for (const minutes of [10, 0, 5, 15]) await costs.saveCostSample(sampleAt(T0 + minutes * 60_000));
        await costs.saveCostSample(sampleAt(T0 + 5 * 60_000, OTHER_FLEET));
        // Act
        const listed = await costs.listCostSamples(FLEET, T0, T0 + 15 * 60_000);
        // Assess
        expect(listed).toEqual([sampleAt(T0), sampleAt(T0 + 5 * 60_000), sampleAt(T0 + 10 * 60_000)]);
      });

      it('keeps one sample per fleet and time: saving it again replaces it', async () => {
        // Prepare
        await costs.saveCostSample(sampleAt(T0));
        const resent = { ...sampleAt(T0), liveUnits: 280, intervalSeconds: 600 };
        // Act
        await costs.saveCostSample(resent);
        // Assess
        expect(await costs.listCostSamples(FLEET, T0 - 1, T0 + 1)).toEqual([resent]);
      });

      it('lists nothing for an empty window or a fleet never sampled', async () => {
        // Prepare
        await costs.saveCostSample(sampleAt(T0));
        // Act + Assess
        expect(await costs.listCostSamples(FLEET, T0, T0)).toEqual([]);
        expect(await costs.listCostSamples(OTHER_FLEET, T0 - 60_000, T0 + 60_000)).toEqual([]);
      });

      it('lists a whole day of five-minute samples', async () => {
        // Prepare
        const day = Array.from({ length: 288 }, (_, i) => sampleAt(T0 + i * 300_000));
        for (const sample of day) await costs.saveCostSample(sample);
        // Act
        const listed = await costs.listCostSamples(FLEET, T0, T0 + 86_400_000);
        // Assess
        expect(listed).toHaveLength(288);
        expect(listed.at(-1)).toEqual(day.at(-1));
      });
    });

    describe('cost incidents', () => {
      it('reads back the incident it saved, and nothing for an unknown anomaly id', async () => {
        // Prepare
        const incident = incidentOf('a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', T0, { chat: { channel: 'C0123ABCD', ts: '1764338400.000100' } });
        // Act
        await costs.saveCostIncident(incident);
        // Assess
        expect(await costs.getCostIncident(incident.anomalyId)).toEqual(incident);
        expect(await costs.getCostIncident('spend-rate:fleet-unknown:2026-11-28T14:00:00.000Z')).toBeUndefined();
      });

      it('accepts version n over version n-1 and refuses a stale or duplicate save', async () => {
        // Prepare
        const first = incidentOf('a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', T0);
        await costs.saveCostIncident(first);
        const grown = { ...first, version: 2, impactUsd: 2_004.25, updatedAtMs: T0 + 3_600_000 };
        // Act
        await costs.saveCostIncident(grown);
        const stale = costs.saveCostIncident({ ...first, version: 2, impactUsd: 1_500 });
        const duplicate = costs.saveCostIncident(first);
        // Assess
        await expect(stale).rejects.toBeInstanceOf(CostLedgerConflictError);
        await expect(duplicate).rejects.toBeInstanceOf(CostLedgerConflictError);
        expect(await costs.getCostIncident(first.anomalyId)).toEqual(grown);
      });

      it('refuses a version beyond 1 for an incident never saved', async () => {
        // Act
        const orphan = costs.saveCostIncident(incidentOf('b2c3d4e5-6f7a-4b8c-9d0e-1f2a3b4c5d6e', T0, { version: 3 }));
        // Assess
        await expect(orphan).rejects.toBeInstanceOf(CostLedgerConflictError);
        expect(await costs.listCostIncidents(0)).toEqual([]);
      });

      it('lists the incidents opened at or after a time, newest first, at their latest version', async () => {
        // Prepare
        const old = incidentOf('id-old', T0 - 86_400_000);
        const atSince = incidentOf('id-at-since', T0);
        const newest = incidentOf('id-newest', T0 + 7_200_000);
        for (const incident of [newest, old, atSince]) await costs.saveCostIncident(incident);
        const updated = { ...atSince, version: 2, status: 'closed' as const, updatedAtMs: T0 + 9_000_000 };
        await costs.saveCostIncident(updated);
        // Act
        const listed = await costs.listCostIncidents(T0);
        // Assess
        expect(listed).toEqual([newest, updated]);
      });

      it('does not list an incident whose first save lost to another', async () => {
        // Prepare
        const winner = incidentOf('c3d4e5f6-7a8b-4c9d-8e0f-1a2b3c4d5e6f', T0);
        await costs.saveCostIncident(winner);
        // Act
        const loser = costs.saveCostIncident({ ...winner, openedAtMs: T0 + 60_000, updatedAtMs: T0 + 60_000 });
        // Assess
        await expect(loser).rejects.toBeInstanceOf(CostLedgerConflictError);
        expect(await costs.listCostIncidents(T0)).toEqual([winner]);
      });
    });

    describe('spend-watch state', () => {
      it('reads back the state it saved per fleet, and nothing for a fleet never watched', async () => {
        // Prepare
        const state = watchOf(1, { outsideSinceMs: T0, openAnomalyId: `spend-rate:${FLEET}:2026-11-28T14:00:00.000Z` });
        // Act
        await costs.saveSpendWatch(state);
        // Assess
        expect(await costs.getSpendWatch(FLEET)).toEqual(state);
        expect(await costs.getSpendWatch(OTHER_FLEET)).toBeUndefined();
      });

      it('accepts version n over n-1, clearing fields left out, and refuses a stale save', async () => {
        // Prepare
        await costs.saveSpendWatch(watchOf(1, { outsideSinceMs: T0 }));
        await costs.saveSpendWatch(watchOf(2));
        // Act
        const stale = costs.saveSpendWatch(watchOf(2, { outsideSinceMs: T0 + 600_000 }));
        const duplicateFirst = costs.saveSpendWatch(watchOf(1));
        // Assess
        await expect(stale).rejects.toBeInstanceOf(CostLedgerConflictError);
        await expect(duplicateFirst).rejects.toBeInstanceOf(CostLedgerConflictError);
        expect(await costs.getSpendWatch(FLEET)).toEqual(watchOf(2));
      });
    });
  });
};
