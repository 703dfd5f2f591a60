/**
 * The embedded default: a real-shaped spot-interruption incident on a BERT-large fleet (rebalance
 * recommendation, interruption warning delivered twice, termination), plus an event for an instance
 * the autopilot does not manage. Event bodies follow the AWS documentation's samples field for field.
 */
import type { FleetConfig } from '../../layers/core/fleet';
import { catalogCapacity } from '../../layers/platform/catalog-capacity';
import { parseFirstFleet } from '../../layers/platform/fleets-file';
import type { FleetSeed, InstanceSeed } from '../../layers/twins/in-memory-fleet';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const START_MS = Date.parse('2026-11-24T03:12:00Z');
export const QUEUE_NAME = 'bert-large-requests';

/** The fleets file of the replay, as a team would write it: capacity per type comes from the catalog. */
export const fleetsFileText = (queueUrl: string): string => `
fleets:
  - fleetId: fleet-6f0c7b9e-3b1a-4c55-9a0e-2d1f6b7c8a90
    name: bert-large-prod
    tier: critical
    model: { name: bert-large, precision: int8, sequenceLength: 384 }
    sloP99Ms: 100
    queueUrls: [${queueUrl}]
    instanceTypes: [g5.xlarge, g6.xlarge, g4dn.xlarge]
    minCapacityUnits: 300
    maxCapacityUnits: 3000
    onDemandBaseUnits: 300
    launchLeadTimeSeconds: 420
    slackChannel: "#gpu-oncall"
    rebalancePolicy: surge-then-drain
    drainTimeoutSeconds: 1800
`;

export const fleetConfig = (queueUrl: string): FleetConfig => {
  return parseFirstFleet(fleetsFileText(queueUrl), 'embedded replay fleets file', catalogCapacity);
};

const units = (fleet: FleetConfig, type: string): number => fleet.capacityUnitsByType[type] ?? 0;

/** Four g5.xlarge: 1,224 units (QPS at the SLO) for 1,000 requests/s, 82% utilized. */
export const fleetSeed = (fleet: FleetConfig): FleetSeed => ({
  fleetId: fleet.fleetId,
  totalTargetCapacity: 4 * units(fleet, 'g5.xlarge'),
  onDemandTargetCapacity: units(fleet, 'g5.xlarge'),
  defaultTargetCapacityType: 'spot',
  overrides: [
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: units(fleet, 'g5.xlarge') },
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: units(fleet, 'g5.xlarge') },
    { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: units(fleet, 'g6.xlarge') },
    { instanceType: 'g4dn.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: units(fleet, 'g4dn.xlarge') },
  ],
});

/** The victim, three more instances of the fleet, and one instance of a fleet the autopilot does not manage. */
export const VICTIM = 'i-0b662ef9931388ba0';
export const FOREIGN = 'i-07d1f0c2a9e3b4c55';

export const instanceSeeds = (fleet: FleetConfig): InstanceSeed[] => [
  { instanceId: VICTIM, instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', fleetId: fleet.fleetId, launchTimeMs: START_MS - 86_400_000, tags: { 'autopilot:managed': fleet.fleetId } },
  { instanceId: 'i-0c1d2e3f4a5b6c7d8', instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'on-demand', fleetId: fleet.fleetId },
  { instanceId: 'i-0d2e3f4a5b6c7d8e9', instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', fleetId: fleet.fleetId },
  { instanceId: 'i-0e3f4a5b6c7d8e9f0', instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'spot', fleetId: fleet.fleetId },
  { instanceId: FOREIGN, instanceType: 'p3.2xlarge', availabilityZone: 'us-east-1c', market: 'spot', fleetId: 'fleet-0aa0aa0a-0000-4000-8000-000000000000' },
];

const ec2Event = (id: string, detailType: string, atMs: number, resource: string, detail: Record<string, unknown>) => ({
  version: '0',
  id,
  'detail-type': detailType,
  source: 'aws.ec2',
  account: ACCOUNT,
  time: new Date(atMs).toISOString().replace('.000Z', 'Z'),
  region: REGION,
  resources: [resource],
  detail,
});

/** The spot and rebalance events name the instance by an AZ-form ARN (no account); the state change by the regional one. */
const azArn = (az: string, id: string): string => `arn:aws:ec2:${az}:instance/${id}`;
const regionalArn = (id: string): string => `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`;

export interface TimelineEntry {
  atMs: number;
  label: string;
  event: unknown;
}

const MIN = 60_000;

export const timeline = (): TimelineEntry[] => {
  const warning = ec2Event('1e5527d7-bb36-4607-3370-4164db56a40e', 'EC2 Spot Instance Interruption Warning', START_MS + 9 * MIN, azArn('us-east-1a', VICTIM), { 'instance-id': VICTIM, 'instance-action': 'terminate' });
  return [
    { atMs: START_MS, label: 'rebalance recommendation', event: ec2Event('3f1a9c42-6d7e-4b8a-9c0d-1e2f3a4b5c6d', 'EC2 Instance Rebalance Recommendation', START_MS, azArn('us-east-1a', VICTIM), { 'instance-id': VICTIM }) },
    { atMs: START_MS + 30_000, label: 'spot warning for an unmanaged instance', event: ec2Event('5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', 'EC2 Spot Instance Interruption Warning', START_MS + 30_000, azArn('us-east-1c', FOREIGN), { 'instance-id': FOREIGN, 'instance-action': 'terminate' }) },
    { atMs: START_MS + 9 * MIN + 2_000, label: 'spot interruption warning', event: warning },
    { atMs: START_MS + 9 * MIN + 5_000, label: 'the same warning delivered again (EventBridge is at-least-once)', event: warning },
    { atMs: START_MS + 11 * MIN, label: 'state change: shutting-down', event: ec2Event('7bf73129-1428-4cd3-a780-95db273d1602', 'EC2 Instance State-change Notification', START_MS + 11 * MIN, regionalArn(VICTIM), { 'instance-id': VICTIM, state: 'shutting-down' }) },
    { atMs: START_MS + 11 * MIN + 40_000, label: 'state change: terminated', event: ec2Event('8c0a4e21-5b3f-4d6a-b7c8-9d0e1f2a3b4c', 'EC2 Instance State-change Notification', START_MS + 11 * MIN + 40_000, regionalArn(VICTIM), { 'instance-id': VICTIM, state: 'terminated' }) },
  ];
};

/** Requests per minute arriving at the queue: 1,000 requests/s. */
export const ARRIVALS_PER_MINUTE = 60_000;
