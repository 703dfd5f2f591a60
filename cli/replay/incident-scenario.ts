/**
 * The embedded incident of `autopilot replay incident`: a three-instance BERT-large fleet whose Spot instance
 * gets a rebalance recommendation, then the 2-minute interruption warning, then goes away. Event bodies follow
 * the AWS documentation's samples field for field; times are offsets from START_MS.
 */
import type { FleetConfig } from '../../layers/core/fleet';
import { MANAGED_TAG } from '../../layers/core/drain-protocol';
import { catalogCapacity } from '../../layers/platform/catalog-capacity';
import { parseFirstFleet } from '../../layers/platform/fleets-file';
import type { FleetSeed, InstanceSeed } from '../../layers/twins/in-memory-fleet';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const START_MS = Date.parse('2026-12-02T14:05:00Z');
export const QUEUE_NAME = 'bert-large-search-requests';
export const REPLY_QUEUE_NAME = 'bert-large-search-replies';
export const DLQ_NAME = 'bert-large-search-requests-dlq';
export const MODEL = 'bert-large';
export const FLEET_ID = 'fleet-2b7e1c4d-8a9f-4e3b-b6c5-1d0e9f8a7b6c';

const S = 1_000;

/** Steady traffic: queries (150 ms on Triton), plus a bulk re-embedding job every 30 s (4 minutes on Triton). */
export const QUERIES_PER_SECOND = 60;
export const QUERY_SERVICE_MS = 150;
export const BULK_EVERY_MS = 30 * S;
export const BULK_SERVICE_MS = 240 * S;
/** A launched instance boots for this long, then Triton loads the model: together within the fleet's lead time. */
export const BOOT_MS = 140 * S;
export const MODEL_LOAD_MS = 25 * S;

/** When each real-shaped event arrives (the drain follow-up comes from the scheduler twin, when it is due). */
export const REBALANCE_AT_MS = START_MS + 60 * S;
export const WARNING_AT_MS = REBALANCE_AT_MS + 240 * S;
/** EC2 gives two minutes from the warning. */
export const INTERRUPTION_AT_MS = WARNING_AT_MS + 120 * S;
export const TERMINATED_AT_MS = INTERRUPTION_AT_MS + 40 * S;
export const TRAFFIC_ENDS_AT_MS = TERMINATED_AT_MS + 20 * S;
/** After this the surviving agents are stopped (SIGTERM) and the queues counted. */
export const END_AT_MS = TRAFFIC_ENDS_AT_MS + 40 * S;

/** The fleets file of the replay: capacity units (QPS at the SLO) of the twins' hosts, given explicitly. */
export const fleetsFileText = (queueUrl: string): string => `
fleets:
  - fleetId: ${FLEET_ID}
    name: bert-large-search
    tier: critical
    model: { name: ${MODEL}, precision: fp16, sequenceLength: 128 }
    sloP99Ms: 400
    queueUrls: [${queueUrl}]
    instanceTypes: [g5.xlarge, g6.xlarge]
    capacityUnits: { g5.xlarge: 30, g6.xlarge: 30 }
    minCapacityUnits: 60
    maxCapacityUnits: 240
    onDemandBaseUnits: 30
    launchLeadTimeSeconds: 180
    slackChannel: "#search-oncall"
    rebalancePolicy: surge-then-drain
    drainTimeoutSeconds: 1800
`;

export const fleetConfig = (queueUrl: string): FleetConfig => {
  return parseFirstFleet(fleetsFileText(queueUrl), 'embedded incident fleets file', catalogCapacity);
};

/** Three instances, 90 units: one on-demand, two Spot. */
export const fleetSeed = (): FleetSeed => ({
  fleetId: FLEET_ID,
  totalTargetCapacity: 90,
  onDemandTargetCapacity: 30,
  defaultTargetCapacityType: 'spot',
  overrides: [
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 30 },
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: 30 },
    { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: 30 },
  ],
});

export const VICTIM = 'i-0f9e8d7c6b5a49382';

export const instanceSeeds = (): InstanceSeed[] => {
  const launchTimeMs = START_MS - 3 * 86_400_000;
  const tags = { [MANAGED_TAG]: FLEET_ID };
  return [
    { instanceId: 'i-0a1b2c3d4e5f60718', instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'on-demand', fleetId: FLEET_ID, launchTimeMs, tags },
    { instanceId: VICTIM, instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', fleetId: FLEET_ID, launchTimeMs, tags },
    { instanceId: 'i-05c4b3a29180f7e6d', instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', market: 'spot', fleetId: FLEET_ID, launchTimeMs, tags },
  ];
};

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

// Spot and rebalance events name the instance by an AZ-form ARN (no account); state changes by the regional one.
const VICTIM_AZ_ARN = `arn:aws:ec2:us-east-1a:instance/${VICTIM}`;
const VICTIM_ARN = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${VICTIM}`;

export const rebalanceEvent = () =>
  ec2Event('0d6f3c1e-7a2b-4c8d-9e0f-1a2b3c4d5e6f', 'EC2 Instance Rebalance Recommendation', REBALANCE_AT_MS, VICTIM_AZ_ARN, { 'instance-id': VICTIM });

export const warningEvent = () =>
  ec2Event('9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', 'EC2 Spot Instance Interruption Warning', WARNING_AT_MS, VICTIM_AZ_ARN, {
    'instance-id': VICTIM,
    'instance-action': 'terminate',
  });

export const stateChangeEvent = (state: 'shutting-down' | 'terminated', atMs: number) =>
  ec2Event(state === 'shutting-down' ? '4c3b2a19-0f8e-4d7c-a6b5-9483726150fe' : '5d4c3b2a-1908-4f7e-b6d5-c4b3a2918070', 'EC2 Instance State-change Notification', atMs, VICTIM_ARN, {
    'instance-id': VICTIM,
    state,
  });
