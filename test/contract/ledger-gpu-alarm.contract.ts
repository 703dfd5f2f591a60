// The ledger contract, part four: the gpu-alarm memory (versioned as read) and the fleets' rebalance requests.
import { describe, expect, it } from 'vitest';
import { emptyForecastState } from '../../layers/core/forecast/forecast-state';
import { emptyGpuAlarmMemory, type GpuAlarmMemory } from '../../layers/core/gpu-alarm/gpu-alarm-memory';
import { REBALANCE_REQUEST_RETENTION_MS, type RebalanceRequest } from '../../layers/core/rebalance-request';
import { GpuAlarmMemoryConflictError, type LedgerPort } from '../../layers/ports/ledger-port';
import { WARNING_AT_MS as T0 } from '../helpers/incident-fixtures';

const FLEET = 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b';
const OTHER_FLEET = 'fleet-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const MINUTE = 60_000;
const DAY_MS = 86_400_000;

/** A memory as the decision leaves it: gpu-low in ALARM since T0, a scale-in decided, a message waiting for Slack. */
const memoryAt = (version: number, overrides: Partial<GpuAlarmMemory> = {}): GpuAlarmMemory => ({
  ...emptyGpuAlarmMemory(FLEET),
  version,
  kinds: { 'gpu-low': { state: 'ALARM', sinceMs: T0, eventId: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92', incidentId: 'gpu-bert-gpu-low-20260314T031200000Z-c4c1c1c9' } },
  lastCapacityChange: { atMs: T0 + 30 * MINUTE, purpose: 'scale-in', fromUnits: 1_200, toUnits: 1_000, eventId: 'c4c1c1c9' },
  rebalanceRequestedAtMs: { 'oversized-at-minimum': T0 + 31 * MINUTE },
  unsent: [{ channel: '#gpu-oncall', text: 'Scaling in bert-large-search on low GPU utilization: 1200 -> 1000 units' }],
  ...overrides,
});

const request = (reason: RebalanceRequest['reason'], requestedAtMs: number, overrides: Partial<RebalanceRequest> = {}): RebalanceRequest => ({
  fleetId: FLEET,
  reason,
  detail: `${reason} at ${new Date(requestedAtMs).toISOString()}`,
  requestedAtMs,
  eventId: `evt-${requestedAtMs}`,
  ...overrides,
});

/** Part of describeLedgerContract: runs inside its describe, on the ledger its beforeEach made. */
export const describeLedgerGpuAlarmContract = (ledger: () => LedgerPort): void => {
  describe('gpu-alarm memory', () => {
    it('has none for a fleet that never had an alarm', async () => {
      // Act + Assess
      expect(await ledger().getGpuAlarmMemory(FLEET)).toBeUndefined();
    });

    it('stores a memory read at version 0 as version 1, and each save after it one version up', async () => {
      // Prepare
      const first = memoryAt(0, { unsent: undefined });
      // Act
      await ledger().saveGpuAlarmMemory(first);
      const readFirst = await ledger().getGpuAlarmMemory(FLEET);
      await ledger().saveGpuAlarmMemory(memoryAt(1));
      // Assess
      expect(readFirst).toEqual({ ...emptyGpuAlarmMemory(FLEET), ...first, version: 1, unsent: undefined });
      expect(readFirst).not.toHaveProperty('unsent');
      expect(await ledger().getGpuAlarmMemory(FLEET)).toEqual(memoryAt(2));
    });

    it('rejects the second of two invocations that read the same version, and keeps the first', async () => {
      // Prepare
      await ledger().saveGpuAlarmMemory(memoryAt(0));
      await ledger().saveGpuAlarmMemory(memoryAt(1, { lastScaleOutAtMs: 1 }));
      // Act
      const second = ledger().saveGpuAlarmMemory(memoryAt(1, { lastScaleOutAtMs: 2 }));
      // Assess
      await expect(second).rejects.toBeInstanceOf(GpuAlarmMemoryConflictError);
      await expect(second).rejects.toMatchObject({ retryable: true, message: expect.stringContaining(FLEET) });
      expect((await ledger().getGpuAlarmMemory(FLEET))?.lastScaleOutAtMs).toBe(1);
    });

    it('rejects a memory read at a version never stored, and a first save over a stored memory', async () => {
      // Act + Assess
      await expect(ledger().saveGpuAlarmMemory(memoryAt(3))).rejects.toBeInstanceOf(GpuAlarmMemoryConflictError);
      await ledger().saveGpuAlarmMemory(memoryAt(0));
      await expect(ledger().saveGpuAlarmMemory(memoryAt(0))).rejects.toBeInstanceOf(GpuAlarmMemoryConflictError);
      expect((await ledger().getGpuAlarmMemory(FLEET))?.version).toBe(1);
    });

    it("keeps fleets apart, and the fleet's forecast state apart from its alarm memory", async () => {
      // Prepare
      await ledger().saveForecastState({ ...emptyForecastState(FLEET), version: 1, lastRunAtMs: T0 });
      // Act
      await ledger().saveGpuAlarmMemory(memoryAt(0));
      await ledger().saveGpuAlarmMemory(memoryAt(0, { fleetId: OTHER_FLEET, lastScaleOutAtMs: 7 }));
      // Assess
      expect((await ledger().getGpuAlarmMemory(FLEET))?.lastScaleOutAtMs).toBeUndefined();
      expect((await ledger().getGpuAlarmMemory(OTHER_FLEET))?.lastScaleOutAtMs).toBe(7);
      expect((await ledger().getForecastState(FLEET))?.lastRunAtMs).toBe(T0);
    });
  });

  describe('rebalance requests', () => {
    it('lists none for a fleet that never asked, even when it has other fleet items', async () => {
      // Prepare
      await ledger().saveGpuAlarmMemory(memoryAt(0));
      // Act + Assess
      expect(await ledger().listRebalanceRequests(FLEET)).toEqual([]);
    });

    it('keeps one request per reason, oldest first, each exactly as recorded', async () => {
      // Prepare
      const memory = request('memory-pressure', T0 + 5 * MINUTE, { minGpuMemoryGiB: 18.4 });
      const oversized = request('oversized-at-minimum', T0);
      // Act
      await ledger().requestRebalance(memory);
      await ledger().requestRebalance(oversized);
      // Assess
      expect(await ledger().listRebalanceRequests(FLEET)).toEqual([oversized, memory]);
    });

    it('replaces a request with a later one of its reason, and ignores an earlier one', async () => {
      // Prepare
      await ledger().requestRebalance(request('memory-pressure', T0 + 10 * MINUTE));
      // Act
      await ledger().requestRebalance(request('memory-pressure', T0 + 20 * MINUTE));
      await ledger().requestRebalance(request('memory-pressure', T0 + 15 * MINUTE));
      // Assess
      expect((await ledger().listRebalanceRequests(FLEET)).map((r) => r.requestedAtMs)).toEqual([T0 + 20 * MINUTE]);
    });

    it("lists only the fleet's own requests", async () => {
      // Prepare
      await ledger().requestRebalance(request('oversized-at-minimum', T0, { fleetId: OTHER_FLEET }));
      // Act
      await ledger().requestRebalance(request('oversized-at-minimum', T0 + MINUTE));
      // Assess
      expect((await ledger().listRebalanceRequests(FLEET)).map((r) => r.fleetId)).toEqual([FLEET]);
      expect((await ledger().listRebalanceRequests(OTHER_FLEET)).map((r) => r.requestedAtMs)).toEqual([T0]);
    });

    it('leaves out a request past its retention when asked at a time, as the TTL would have deleted it', async () => {
      // Prepare
      const memory = request('memory-pressure', T0, { minGpuMemoryGiB: 18.4 });
      const interruption = request('interruption', T0 + 6 * DAY_MS);
      await ledger().requestRebalance(memory);
      await ledger().requestRebalance(interruption);
      // Act
      const justBefore = await ledger().listRebalanceRequests(FLEET, T0 + REBALANCE_REQUEST_RETENTION_MS - 1_000);
      const after = await ledger().listRebalanceRequests(FLEET, T0 + REBALANCE_REQUEST_RETENTION_MS);
      // Assess
      expect(justBefore).toEqual([memory, interruption]);
      expect(after).toEqual([interruption]);
    });
  });
};
