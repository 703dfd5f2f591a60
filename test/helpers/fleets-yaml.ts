// A valid one-fleet fleets file for the schema's tests, and a way to add an optional block to it.
import type { FleetConfig } from '../../layers/core/fleet';
import { catalogCapacity } from '../../layers/platform/catalog-capacity';
import { parseFirstFleet } from '../../layers/platform/fleets-file';

export const VALID_FLEETS_YAML = `
fleets:
  - fleetId: fleet-6f0c7b9e-3b1a-4c55-9a0e-2d1f6b7c8a90
    name: bert-large-prod
    tier: critical
    model: { name: bert-large, precision: int8, sequenceLength: 384 }
    sloP99Ms: 100
    queueUrls: [https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-requests]
    instanceTypes: [g5.xlarge, g4dn.xlarge]
    minCapacityUnits: 300
    maxCapacityUnits: 3000
    launchLeadTimeSeconds: 420
    slackChannel: "#gpu-oncall"
`;

/** The valid fleet with a `<block>:` of these YAML lines (indented under it). */
export const withBlock = (block: string, ...lines: string[]): string =>
  `${VALID_FLEETS_YAML}    ${block}:\n${lines.map((l) => `      ${l}`).join('\n')}\n`;

/** The first fleet of a fleets file's text, capacities from the catalog. */
export const parseFleetYaml = (text: string): FleetConfig => parseFirstFleet(text, 'fleets.yaml', catalogCapacity);
