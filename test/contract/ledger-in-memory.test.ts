// Runs the ledger contract on the in-memory twin, plus what only the twin offers (failure injection, inspection).
import { describe, expect, it } from 'vitest';
import { InMemoryLedger } from '../../layers/twins/in-memory-ledger';
import { makeIncident } from '../helpers/incident-fixtures';
import { describeLedgerContract } from './ledger.contract';

describeLedgerContract('InMemoryLedger', async () => new InMemoryLedger());

describe('InMemoryLedger test controls', () => {
  it('fails the next call of a method with the injected error, then works again', async () => {
    // Prepare
    const ledger = new InMemoryLedger();
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { retryable: true });
    ledger.failNext('claim', throttled);
    // Act
    const failed = ledger.claim('evt-5a7f2e4c', 0, 60_000, 86_400);
    // Assess
    await expect(failed).rejects.toBe(throttled);
    expect(await ledger.claim('evt-5a7f2e4c', 0, 60_000, 86_400)).toBe('acquired');
  });

  it('fails only the method it was told to, as many times as it was told', async () => {
    // Prepare
    const ledger = new InMemoryLedger();
    ledger.failNext('saveIncident', new Error('first'));
    ledger.failNext('saveIncident', new Error('second'));
    // Act
    await ledger.recordInterruption('g5.xlarge:us-east-1a:spot', 'i-0a1b2c3d4e5f60718', 0);
    // Assess
    await expect(ledger.saveIncident(makeIncident({ version: 1 }))).rejects.toThrow('first');
    await expect(ledger.saveIncident(makeIncident({ version: 1 }))).rejects.toThrow('second');
    await expect(ledger.saveIncident(makeIncident({ version: 1 }))).resolves.toBeUndefined();
  });

  it('shows every stored incident and action, and forgets them all on reset', async () => {
    // Prepare
    const ledger = new InMemoryLedger();
    const incident = makeIncident({ version: 1 });
    const record = {
      incidentId: incident.incidentId,
      idempotencyKey: 'evt-5a7f2e4c:drain',
      type: 'tag-drain',
      fleetId: incident.fleetId,
      reason: 'drain before the deadline',
      before: {},
      after: { 'autopilot:drain': 'requested' },
      status: 'applied' as const,
      atMs: incident.updatedAtMs,
    };
    await ledger.saveIncident(incident);
    await ledger.recordAction(record);
    ledger.failNext('getIncident', new Error('never thrown'));
    // Act
    const before = { incidents: ledger.incidents(), actions: ledger.actions() };
    ledger.reset();
    // Assess
    expect(before).toEqual({ incidents: [incident], actions: [record] });
    expect({ incidents: ledger.incidents(), actions: ledger.actions() }).toEqual({ incidents: [], actions: [] });
    await expect(ledger.getIncident(incident.instanceId)).resolves.toBeUndefined();
  });

  it('hands out copies, so a caller mutating a result cannot change what is stored', async () => {
    // Prepare
    const ledger = new InMemoryLedger();
    await ledger.saveIncident(makeIncident({ version: 1 }));
    // Act
    const read = await ledger.getIncident('i-0a1b2c3d4e5f60718');
    read?.reasons.push('mutated by the caller');
    // Assess
    expect((await ledger.getIncident('i-0a1b2c3d4e5f60718'))?.reasons).toEqual(makeIncident().reasons);
  });
});
