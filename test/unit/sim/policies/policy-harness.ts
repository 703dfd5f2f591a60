// A small stand-in for the engine: a maintain fleet whose new capacity serves after its lead time, and a demand curve.
import type { FleetConfig } from '../../../../layers/core/fleet';
import type { FleetControl, Observation, Policy, PolicySetup, SimFleetSpec } from '../../../../sim/model/policy';
import { aFleet } from '../../../helpers/spot-factories';

export const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
export const MINUTE = 60_000;
export const STEP_SECONDS = 10;

/** 100 units per g5.xlarge, 120 per g6.xlarge; 100..3000 units; 200 on-demand base; 3-minute lead time. */
export const aSpec = (overrides: Partial<FleetConfig> = {}): SimFleetSpec => ({
  config: aFleet({
    capacityUnitsByType: { 'g5.xlarge': 100, 'g6.xlarge': 120 },
    minCapacityUnits: 100,
    maxCapacityUnits: 3000,
    onDemandBaseUnits: 200,
    launchLeadTimeSeconds: 180,
    ...overrides,
  }),
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  serviceSeconds: 0.02,
});

export interface TargetCall {
  atMs: number;
  totalUnits: number;
  onDemandUnits: number;
}

/** Scale-out capacity serves after the lead time; scale-in removes capacity at once. */
export class FakeFleet implements FleetControl {
  targetUnits: number;
  onDemandTargetUnits: number;
  servingUnits: number;
  readonly calls: TargetCall[] = [];
  /** The time of the observation being handled: when a policy's setTarget takes effect. */
  nowMs = T0;
  private readyAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    setup: PolicySetup,
    private readonly leadMs: number,
  ) {
    this.targetUnits = setup.totalUnits;
    this.onDemandTargetUnits = setup.onDemandUnits;
    this.servingUnits = setup.totalUnits;
  }

  get bootingUnits(): number {
    return Math.max(0, this.targetUnits - this.servingUnits);
  }

  /** Booting capacity that has had its lead time by `nowMs` starts serving. */
  tick(nowMs: number): void {
    if (nowMs >= this.readyAtMs) this.servingUnits = this.targetUnits;
  }

  async setTarget(totalUnits: number, onDemandUnits = totalUnits): Promise<void> {
    this.calls.push({ atMs: this.nowMs, totalUnits, onDemandUnits });
    if (totalUnits > this.servingUnits) this.readyAtMs = this.nowMs + this.leadMs;
    else this.servingUnits = totalUnits;
    this.targetUnits = totalUnits;
    this.onDemandTargetUnits = onDemandUnits;
  }
}

/** Steps `policy` for `minutes` from `fromMs` with `demandQps(tMs)` arriving; the fleet serves up to its capacity. */
export const runMinutes = async (
  policy: Policy,
  fleet: FakeFleet,
  fromMs: number,
  minutes: number,
  demandQps: (tMs: number) => number,
  drainingUnits: (tMs: number) => number = () => 0,
): Promise<void> => {
  const steps = (minutes * 60) / STEP_SECONDS;
  for (let i = 0; i < steps; i += 1) {
    const stepStartMs = fromMs + i * STEP_SECONDS * 1000;
    fleet.tick(stepStartMs);
    const demand = demandQps(stepStartMs);
    const observation: Observation = {
      nowMs: stepStartMs + STEP_SECONDS * 1000,
      stepSeconds: STEP_SECONDS,
      arrivals: demand * STEP_SECONDS,
      backlog: 0,
      oldestWaitSeconds: 0,
      servingUnits: fleet.servingUnits,
      bootingUnits: fleet.bootingUnits,
      drainingUnits: drainingUnits(stepStartMs),
      targetUnits: fleet.targetUnits,
      gpuUtilization: fleet.servingUnits > 0 ? Math.min(1, demand / fleet.servingUnits) : 0,
    };
    fleet.nowMs = observation.nowMs;
    await policy.onStep(observation, fleet);
  }
};
