// The fleets file: the shipped example validates, and every bad field is named in the error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogCapacity } from '../../../layers/platform/catalog-capacity';
import { FleetsFileError, parseFleetsFile, readFleetsFile } from '../../../layers/platform/fleets-file';
import { VALID_FLEETS_YAML as VALID } from '../../helpers/fleets-yaml';


const noCatalog = () => undefined;

describe('fleets file', () => {
  it('validates the shipped config/fleets.yaml', () => {
    const fleets = readFleetsFile('config/fleets.yaml', catalogCapacity);
    expect(fleets.length).toBeGreaterThan(0);
    expect(readFileSync('config/fleets.yaml', 'utf8')).toContain(fleets[0]?.fleetId);
  });

  it('derives capacity per type from the catalog when the file gives none, and applies the defaults', () => {
    // Act
    const [fleet] = parseFleetsFile(VALID, 'test', catalogCapacity);
    // Assess: the catalog's BERT-large INT8 seq 384 at 100 ms (T4 measured: 168.6 QPS per g4dn.xlarge)
    expect(fleet?.capacityUnitsByType['g4dn.xlarge']).toBe(168);
    expect(fleet?.capacityUnitsByType['g5.xlarge']).toBeGreaterThan(fleet?.capacityUnitsByType['g4dn.xlarge'] ?? 0);
    expect(fleet).toMatchObject({ dryRun: false, rebalancePolicy: 'surge-then-drain', drainTimeoutSeconds: 1800, onDemandBaseUnits: 0 });
  });

  it('prefers the capacity the team measured over the catalog', () => {
    const text = VALID.replace('    minCapacityUnits', '    capacityUnits: { g5.xlarge: 250, g4dn.xlarge: 120 }\n    minCapacityUnits');
    const [fleet] = parseFleetsFile(text, 'test', catalogCapacity);
    expect(fleet?.capacityUnitsByType).toEqual({ 'g5.xlarge': 250, 'g4dn.xlarge': 120 });
  });

  it('keeps the team and cost center chargeback attributes to, and leaves them out when the file does', () => {
    // Prepare
    const tagged = VALID.replace('    minCapacityUnits', '    team: search\n    costCenter: CC-1042\n    minCapacityUnits');
    // Act
    const [fleet] = parseFleetsFile(tagged, 'test', catalogCapacity);
    const [untagged] = parseFleetsFile(VALID, 'test', catalogCapacity);
    // Assess
    expect(fleet).toMatchObject({ team: 'search', costCenter: 'CC-1042' });
    expect(untagged).not.toHaveProperty('team');
    expect(() => parseFleetsFile(VALID.replace('    minCapacityUnits', "    team: ''\n    minCapacityUnits"), 'f', catalogCapacity)).toThrow(/fleets\[0\]\.team/);
  });

  it.each([
    ['sloP99Ms: 100', 'sloP99Ms: fast', /fleets\[0\]\.sloP99Ms/],
    ['tier: critical', 'tier: gold', /fleets\[0\]\.tier/],
    ['fleetId: fleet-6f0c7b9e-3b1a-4c55-9a0e-2d1f6b7c8a90', 'fleetId: sfr-123', /fleets\[0\]\.fleetId: must be an EC2 Fleet id/],
    ['minCapacityUnits: 300', 'minCapacityUnits: 5000', /fleets\[0\]\.minCapacityUnits: minCapacityUnits must not exceed maxCapacityUnits/],
    ['launchLeadTimeSeconds: 420', 'launchLeadTimeSeconds: 420\n    colour: blue', /fleets\[0\]/],
    ['queueUrls: [https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-requests]', 'queueUrls: []', /fleets\[0\]\.queueUrls/],
  ])('names the bad field when %s becomes %s', (from, to, message) => {
    expect(() => parseFleetsFile(VALID.replace(from, to), 'fleets.yaml', catalogCapacity)).toThrow(message);
  });

  it('says which type has no capacity when neither the file nor the catalog gives one', () => {
    expect(() => parseFleetsFile(VALID, 'fleets.yaml', noCatalog)).toThrow(/fleets\[0\]\.capacityUnits\.g5\.xlarge: no capacity/);
  });

  it('rejects duplicate fleet ids and text that is not YAML', () => {
    const twice = VALID + VALID.replace('fleets:\n', '');
    expect(() => parseFleetsFile(twice, 'f', catalogCapacity)).toThrow(/fleet ids must be unique/);
    expect(() => parseFleetsFile('fleets: [', 'f', catalogCapacity)).toThrow(FleetsFileError);
  });

  it('names the file it could not read', () => {
    expect(() => readFleetsFile('config/missing.yaml', catalogCapacity)).toThrow(/reading fleets file config\/missing\.yaml/);
  });
});
