// Builders for the spot-interruption decision: a BERT-large fleet, one of its Spot GPU instances, signals about it.
import { applyOutcomes } from '../../layers/core/apply-outcomes';
import type { FleetConfig } from '../../layers/core/fleet';
import type { ActionStatus, Incident } from '../../layers/core/incident';
import { incidentIdFor } from '../../layers/core/incident';
import type { FleetOverride, FleetView, InstanceView } from '../../layers/core/observed';
import type { Action } from '../../layers/core/plan';
import type {
  FollowUpPurpose,
  IncidentFollowUp,
  InstanceStateChange,
  RebalanceRecommendation,
  ScheduledChange,
  ScheduledChangeForInstance,
  SpotInterruptionWarning,
} from '../../layers/core/signals';
import { SPOT_NOTICE_LEAD_MS } from '../../layers/core/signals';
import type { SpotContext, SpotDecision } from '../../layers/core/spot-context';
import { DEFAULT_SPOT_POLICY } from '../../layers/core/spot-policy';

/** 2026-03-14T03:12:00Z: when AWS emitted the interruption warning in the default scenario. */
export const T0_MS = Date.UTC(2026, 2, 14, 3, 12, 0);
export const FLEET_ID = 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f';
export const INSTANCE_ID = 'i-0a1b2c3d4e5f60718';
export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';
/** The id of the incident a default signal (emitted at T0) opens: named after the opening signal, not the clock. */
export const WARNING_EVENT_ID = '1e5527d7-bb36-4607-3370-4164db56a40e';
export const REBALANCE_EVENT_ID = '3b2c4f8e-2a6d-4e1b-9c7a-5d8e0f1a2b3c';
export const INCIDENT_ID = incidentIdFor(INSTANCE_ID, T0_MS, WARNING_EVENT_ID);

/** The bert-large-search fleet of config/fleets.yaml, not in dry-run. */
export const aFleet = (overrides: Partial<FleetConfig> = {}): FleetConfig => ({
  fleetId: FLEET_ID,
  name: 'bert-large-search',
  tier: 'critical',
  model: { name: 'bert-large', precision: 'int8' },
  sloP99Ms: 50,
  queueUrls: [`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/bert-large-search-requests`],
  capacityUnitsByType: { 'g5.xlarge': 400, 'g6.xlarge': 360, 'g4dn.xlarge': 150 },
  minCapacityUnits: 400,
  maxCapacityUnits: 4000,
  onDemandBaseUnits: 400,
  launchLeadTimeSeconds: 240,
  slackChannel: '#gpu-autopilot',
  dryRun: false,
  rebalancePolicy: 'surge-then-drain',
  drainTimeoutSeconds: 1800,
  ...overrides,
});

/** A launch-template override as DescribeFleets reports it, AZ resolved. */
export const anOverride = (instanceType: string, availabilityZone: string, weightedCapacity?: number): FleetOverride => ({
  instanceType,
  availabilityZone,
  ...(weightedCapacity === undefined ? {} : { weightedCapacity }),
});

/** The running g5.xlarge Spot instance in us-east-1a that EC2 Fleet launched for the fleet. */
export const anInstance = (overrides: Partial<InstanceView> = {}): InstanceView => ({
  instanceId: INSTANCE_ID,
  instanceType: 'g5.xlarge',
  availabilityZone: 'us-east-1a',
  market: 'spot',
  state: 'running',
  fleetId: FLEET_ID,
  launchTimeMs: T0_MS - 3 * 24 * 3_600_000,
  tags: { 'aws:ec2:fleet-id': FLEET_ID, 'autopilot:managed': FLEET_ID },
  ...overrides,
});

/** The fleet as DescribeFleets sees it: maintain, 2000 units fulfilled, g5 and g6 in two AZs. */
export const aFleetView = (overrides: Partial<FleetView> = {}): FleetView => ({
  fleetId: FLEET_ID,
  type: 'maintain',
  state: 'active',
  totalTargetCapacity: 2000,
  onDemandTargetCapacity: 400,
  spotTargetCapacity: 1600,
  defaultTargetCapacityType: 'spot',
  fulfilledCapacity: 2000,
  fulfilledOnDemandCapacity: 400,
  excessCapacityTerminationPolicy: 'no-termination',
  launchTemplate: { launchTemplateId: 'lt-0e632f2855a979cd5', version: '3' },
  overrides: [
    anOverride('g5.xlarge', 'us-east-1a', 400),
    anOverride('g5.xlarge', 'us-east-1b', 400),
    anOverride('g6.xlarge', 'us-east-1a', 360),
    anOverride('g6.xlarge', 'us-east-1b', 360),
  ],
  ...overrides,
});

/**
 * The decision's inputs 1.5 s after the warning: 1800 req/s on 2000 units, so losing a 400-unit instance puts the
 * SLO at risk and a surge is needed.
 */
export const aContext = (overrides: Partial<SpotContext> = {}): SpotContext => ({
  fleet: aFleet(),
  instance: anInstance(),
  fleetView: aFleetView(),
  incident: undefined,
  atRiskPools: [],
  demand: { arrivalQps: 1800, backlog: 0 },
  policy: { ...DEFAULT_SPOT_POLICY },
  nowMs: T0_MS + 1_500,
  ...overrides,
});

const base = { emittedAtMs: T0_MS, region: REGION, account: ACCOUNT };

/** "EC2 Spot Instance Interruption Warning", terminate, deadline = emitted + 120 s. */
export const aWarning = (overrides: Partial<SpotInterruptionWarning> = {}): SpotInterruptionWarning => {
  const emittedAtMs = overrides.emittedAtMs ?? base.emittedAtMs;
  const action = overrides.action ?? 'terminate';
  return {
    ...base,
    eventId: '1e5527d7-bb36-4607-3370-4164db56a40e',
    kind: 'spot-interruption-warning',
    instanceId: INSTANCE_ID,
    action,
    deadlineMs: action === 'hibernate' ? emittedAtMs : emittedAtMs + SPOT_NOTICE_LEAD_MS,
    ...overrides,
  };
};

/** "EC2 Instance Rebalance Recommendation". */
export const aRebalance = (overrides: Partial<RebalanceRecommendation> = {}): RebalanceRecommendation => ({
  ...base,
  eventId: '3b2c4f8e-2a6d-4e1b-9c7a-5d8e0f1a2b3c',
  kind: 'rebalance-recommendation',
  instanceId: INSTANCE_ID,
  ...overrides,
});

/** "EC2 Instance State-change Notification", terminated by default. */
export const aStateChange = (overrides: Partial<InstanceStateChange> = {}): InstanceStateChange => ({
  ...base,
  eventId: '7bf73129-1428-4cd3-a780-95db273d1602',
  kind: 'instance-state-change',
  instanceId: INSTANCE_ID,
  state: 'terminated',
  ...overrides,
});

/** "AWS Health Event" EC2 scheduledChange (instance retirement) starting in 14 days, naming several instances. */
export const aScheduledChange = (overrides: Partial<ScheduledChange> = {}): ScheduledChange => ({
  ...base,
  eventId: '9c0d1e2f-3a4b-5c6d-7e8f-9a0b1c2d3e4f',
  kind: 'scheduled-change',
  instanceIds: [INSTANCE_ID],
  eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED',
  startMs: T0_MS + 14 * 24 * 3_600_000,
  ...overrides,
});

/** A scheduled change narrowed to one instance (what perInstance hands the decision). */
export const aScheduledChangeFor = (overrides: Partial<ScheduledChangeForInstance> = {}): ScheduledChangeForInstance => {
  const { instanceIds: _ids, ...rest } = aScheduledChange();
  return { ...rest, instanceId: INSTANCE_ID, ...overrides };
};

/** A follow-up the decision scheduled for itself, for the incident a default signal opens. */
export const aFollowUp = (purpose: FollowUpPurpose, overrides: Partial<IncidentFollowUp> = {}): IncidentFollowUp => ({
  ...base,
  eventId: `c4a1f0e2-${purpose}`,
  kind: 'incident-follow-up',
  instanceId: INSTANCE_ID,
  incidentId: INCIDENT_ID,
  purpose,
  ...overrides,
});

/** The follow-up as `incident` scheduled it: it names that incident. */
export const aFollowUpOf = (incident: Incident, purpose: FollowUpPurpose, overrides: Partial<IncidentFollowUp> = {}): IncidentFollowUp =>
  aFollowUp(purpose, { instanceId: incident.instanceId, incidentId: incident.incidentId, ...overrides });

/**
 * The incident as the ledger would hold it after executing the decision's plan: every action ends with the
 * status `statusOf` gives it (applied by default), at `atMs`.
 */
export const settled = (
  decision: SpotDecision,
  atMs: number,
  statusOf: (action: Action) => ActionStatus = () => 'applied',
): Incident => {
  if (!decision.incident) throw new Error('the decision left no incident to settle');
  return applyOutcomes(
    decision.incident,
    decision.actions.map((action) => ({ action, status: statusOf(action), atMs })),
  );
};

/** Action of one type from a plan (undefined when the plan has none). */
export const actionOf = <T extends Action['type']>(actions: Action[], type: T): Extract<Action, { type: T }> | undefined =>
  actions.find((a): a is Extract<Action, { type: T }> => a.type === type);
