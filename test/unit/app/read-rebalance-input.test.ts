// The GPU memory a candidate type needs comes only from recent memory-pressure requests.
import { describe, expect, it } from 'vitest';
import { readRebalanceInput } from '../../../layers/app/read-rebalance-input';
import { rebalanceSettingsFor } from '../../../layers/core/rebalance/rebalance-settings';
import type { RebalanceRequest } from '../../../layers/core/rebalance-request';
import { emptyRebalanceState } from '../../../layers/core/rebalancer/rebalance-state';
import { HOUR_MS, rebalancerWorld } from '../../entry/rebalancer-world';
import { NOW } from '../../helpers/rebalance-factories';

const memoryRequest = (fleetId: string, requestedAtMs: number): RebalanceRequest => ({
  fleetId, reason: 'memory-pressure', detail: 'GPU memory 92% used', requestedAtMs, eventId: `e-${requestedAtMs}`, minGpuMemoryGiB: 30,
});

describe('readRebalanceInput: required GPU memory', () => {
  it('counts a memory-pressure request within the window, and forgets one older than it', async () => {
    // Prepare: the standard window is 24 h
    const world = rebalancerWorld();
    const { fleetConfig: fleet, deps } = world;
    const settings = rebalanceSettingsFor(fleet.tier);
    const state = emptyRebalanceState(fleet.fleetId);

    // Act
    const recent = await readRebalanceInput(deps, fleet, settings, state, [memoryRequest(fleet.fleetId, NOW - 23 * HOUR_MS)], NOW);
    const old = await readRebalanceInput(deps, fleet, settings, state, [memoryRequest(fleet.fleetId, NOW - 25 * HOUR_MS)], NOW);
    const narrower = await readRebalanceInput(deps, fleet, { ...settings, memoryRequestWindowSeconds: 3_600 }, state, [memoryRequest(fleet.fleetId, NOW - 2 * HOUR_MS)], NOW);

    // Assess
    expect(settings.memoryRequestWindowSeconds).toBe(24 * 3_600);
    expect(recent.input.requiredGpuMemoryGiB).toBe(30);
    expect(old.input.requiredGpuMemoryGiB).toBe(0);
    expect(narrower.input.requiredGpuMemoryGiB).toBe(0);
  });
});
