// fast-check arbitraries for the spot decision: any fleet, any context (fleet view, demand, policy, pools at risk), any story step.
import fc from 'fast-check';
import type { FleetConfig } from '../../layers/core/fleet';
import type { FollowUpPurpose, InstanceSignal, InstanceState, SpotAction } from '../../layers/core/signals';
import type { SpotContext } from '../../layers/core/spot-context';
import { aContext, aFleet, aFleetView, aFollowUp, anInstance, anOverride, aRebalance, aScheduledChangeFor, aStateChange, aWarning, T0_MS } from './spot-factories';

const TYPES = ['g5.xlarge', 'g6.xlarge', 'p4d.24xlarge'];
const ZONES = ['us-east-1a', 'us-east-1b'];
const POOL_KEYS = TYPES.flatMap((t) => ZONES.flatMap((z) => [`${t}:${z}:spot`, `${t}:${z}:on-demand`]));
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
/** True one time in four: switches that stop everything (kill switch, dry-run, failures) are the exception. */
export const rarely = fc.constantFrom(false, false, false, true);

/** Any fleet config with min <= max, units for g5 and g6 only (so some instance types have none). */
export const anyFleet: fc.Arbitrary<FleetConfig> = fc
  .record({
    min: fc.integer({ min: 0, max: 2_000 }),
    span: fc.integer({ min: 0, max: 4_000 }),
    g5: fc.integer({ min: 0, max: 500 }),
    g6: fc.integer({ min: 0, max: 500 }),
    lead: fc.integer({ min: 0, max: 900 }),
    timeout: fc.integer({ min: 60, max: 7_200 }),
    policy: fc.constantFrom('surge-then-drain' as const, 'surge-and-drain' as const, 'notify-only' as const),
    dryRun: rarely,
  })
  .map((f) =>
    aFleet({
      minCapacityUnits: f.min,
      maxCapacityUnits: f.min + f.span,
      capacityUnitsByType: { 'g5.xlarge': f.g5, 'g6.xlarge': f.g6 },
      launchLeadTimeSeconds: f.lead,
      drainTimeoutSeconds: f.timeout,
      rebalancePolicy: f.policy,
      dryRun: f.dryRun,
    }),
  );

/** Any context at T0 without an incident: the fleet view may be missing, of another type, or past the maximum. */
export const anySpotContext: fc.Arbitrary<SpotContext> = fc
  .record({
    fleet: anyFleet,
    instance: fc.record({ instanceType: fc.constantFrom(...TYPES), availabilityZone: fc.constantFrom(...ZONES), market: fc.constantFrom('spot' as const, 'on-demand' as const) }),
    view: opt(
      fc.record({
        type: fc.constantFrom('maintain' as const, 'maintain' as const, 'request' as const, 'instant' as const),
        total: fc.integer({ min: 0, max: 6_000 }),
        fulfilled: fc.integer({ min: 0, max: 6_000 }),
        overrides: fc.subarray(TYPES.flatMap((t) => ZONES.map((z) => [t, z] as const))).chain((pairs) =>
          fc.tuple(...pairs.map(([t, z]) => opt(fc.integer({ min: 0, max: 500 })).map((w) => anOverride(t, z, w)))),
        ),
        capacityRebalance: fc.constantFrom(undefined, undefined, undefined, 'launch' as const, 'launch-before-terminate' as const),
      }),
    ),
    atRisk: fc.subarray(POOL_KEYS),
    arrivalQps: opt(fc.double({ min: 0, max: 8_000, noNaN: true })),
    backlog: fc.integer({ min: 0, max: 100_000 }),
    policy: fc.record({
      atRiskTtlSeconds: fc.integer({ min: 0, max: 7_200 }),
      maxUtilization: fc.double({ min: 0.1, max: 1, noNaN: true }),
      surgeWhenDemandUnknown: fc.boolean(),
      followUpRetrySeconds: fc.integer({ min: 1, max: 600 }),
      scheduledChangeMarginSeconds: fc.integer({ min: 0, max: 3_600 }),
      drainGraceSeconds: fc.integer({ min: 0, max: 600 }),
      queueWaitShareOfSlo: fc.double({ min: 0.05, max: 1, noNaN: true }),
    }),
  })
  .map((c) =>
    aContext({
      fleet: c.fleet,
      instance: anInstance(c.instance),
      fleetView: c.view && aFleetView({ type: c.view.type, totalTargetCapacity: c.view.total, fulfilledCapacity: c.view.fulfilled, overrides: c.view.overrides, ...(c.view.capacityRebalance ? { capacityRebalance: c.view.capacityRebalance } : {}) }),
      atRiskPools: c.atRisk.map((poolKey) => ({ poolKey, untilMs: T0_MS + 600_000, reason: 'interrupted' })),
      demand: { arrivalQps: c.arrivalQps, backlog: c.backlog },
      policy: c.policy,
      nowMs: T0_MS,
    }),
  );

const STATES: InstanceState[] = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'];
const PURPOSES: FollowUpPurpose[] = ['prepare-scheduled-change', 'drain-after-replacement', 'drain-timeout'];
const SPOT_ACTIONS: SpotAction[] = ['terminate', 'stop', 'hibernate'];
/** States in which EC2 reports an instance stopping or gone. */
export const GONE_STATES: InstanceState[] = ['stopping', 'stopped', 'shutting-down', 'terminated'];

/** One step of a story about the instance: a signal some time later, and how the world answers the plan. */
export const anyStep = fc.record({
  gapMs: fc.integer({ min: 0, max: 3_600_000 }),
  eventNo: fc.integer({ min: 0, max: 4 }),
  delayMs: fc.integer({ min: 0, max: 300_000 }),
  startInMs: fc.integer({ min: -600_000, max: 20 * 86_400_000 }),
  kind: fc.constantFrom('warning', 'rebalance', 'scheduled', 'state', 'follow-up'),
  spotAction: fc.constantFrom(...SPOT_ACTIONS),
  state: fc.constantFrom(...STATES),
  /** What EC2 reports for the instance when the signal is decided: mostly running. */
  instanceState: fc.constantFrom<InstanceState>(...Array<InstanceState>(9).fill('running'), ...GONE_STATES),
  purpose: fc.constantFrom(...PURPOSES),
  /** A follow-up that an earlier incident of the instance scheduled. */
  staleFollowUp: rarely,
  failures: fc.array(rarely, { minLength: 4, maxLength: 4 }),
  fulfilledDelta: fc.integer({ min: -500, max: 500 }),
  guard: fc.record({ killSwitchEngaged: rarely, globalDryRun: rarely, maxSurgeUnitsPerEvent: fc.integer({ min: 0, max: 800 }) }),
});
export type Step = typeof anyStep extends fc.Arbitrary<infer S> ? S : never;

/** The signal a step delivers at `nowMs`; a follow-up names `incidentId` unless it is a stale one. */
export const signalOf = (step: Step, nowMs: number, incidentId = 'spot-none'): InstanceSignal => {
  const base = { eventId: `${step.kind}-${step.eventNo}`, emittedAtMs: nowMs - step.delayMs };
  switch (step.kind) {
    case 'warning':
      return aWarning({ ...base, action: step.spotAction, deadlineMs: step.spotAction === 'hibernate' ? base.emittedAtMs : base.emittedAtMs + 120_000 });
    case 'rebalance':
      return aRebalance(base);
    case 'scheduled':
      return aScheduledChangeFor({ ...base, startMs: nowMs + step.startInMs });
    case 'state':
      return aStateChange({ ...base, state: step.state });
    default:
      return aFollowUp(step.purpose, { ...base, eventId: `follow-up-${nowMs}`, incidentId: step.staleFollowUp ? 'spot-earlier-incident' : incidentId });
  }
};
