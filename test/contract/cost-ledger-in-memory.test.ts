// Runs the cost ledger contract on the in-memory twin, plus what only the twin offers (failure injection, inspection, reset).
import { describe, expect, it } from 'vitest';
import type { CostSample } from '../../layers/core/cost/cost-sample';
import { InMemoryCostLedger } from '../../layers/twins/in-memory-cost-ledger';
import { describeCostLedgerContract } from './cost-ledger.contract';

describeCostLedgerContract('InMemoryCostLedger', async () => new InMemoryCostLedger());

const sample: CostSample = {
  fleetId: 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b',
  atMs: Date.UTC(2026, 10, 28, 14, 0),
  intervalSeconds: 300,
  pools: [{ instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'spot', instances: 4, usdPerHour: 0.4121 }],
  spendUsdPerHour: 1.6484,
  liveUnits: 160,
};

describe('InMemoryCostLedger test controls', () => {
  it('fails the next calls of a method with the injected errors, in order, then works again', async () => {
    // Prepare
    const costs = new InMemoryCostLedger();
    costs.failNext('saveCostSample', new Error('ThrottlingException'));
    costs.failNext('saveCostSample', new Error('InternalServerError'));
    // Act
    await costs.listCostSamples(sample.fleetId, 0, sample.atMs);
    // Assess
    await expect(costs.saveCostSample(sample)).rejects.toThrow('ThrottlingException');
    await expect(costs.saveCostSample(sample)).rejects.toThrow('InternalServerError');
    await expect(costs.saveCostSample(sample)).resolves.toBeUndefined();
    expect(costs.samples()).toEqual([sample]);
  });

  it('hands out copies and forgets everything on reset', async () => {
    // Prepare
    const costs = new InMemoryCostLedger();
    await costs.saveCostSample(sample);
    await costs.saveSpendWatch({ fleetId: sample.fleetId, version: 1, lastRunAtMs: sample.atMs });
    const [read] = await costs.listCostSamples(sample.fleetId, 0, sample.atMs + 1);
    read?.pools.splice(0);
    costs.failNext('getSpendWatch', new Error('never thrown'));
    // Act
    const before = costs.samples();
    costs.reset();
    // Assess
    expect(before).toEqual([sample]);
    expect(costs.samples()).toEqual([]);
    await expect(costs.getSpendWatch(sample.fleetId)).resolves.toBeUndefined();
  });
});
