/** The static baseline: provisioned for the peak from the start, on one instance type, and never changed. */
import type { Market } from '../../layers/core/fleet';
import type { Policy, PolicySetup, SimFleetSpec } from '../model/policy';
import { poolsOf, roundUpToInstances, unitsPerInstance } from './fleet-sizing';

export interface StaticPolicyOptions {
  instanceType: string;
  /** On-demand, the common starting point; Spot is accepted for comparison. */
  market?: Market;
  name?: string;
}

/**
 * Peak provisioning, what most teams run before any autoscaling: `ceil(peakQps / unitsPerInstance)` instances of
 * one type, in every availability zone of the fleet, for the whole run. `onStep` never acts.
 *
 * @example
 * ```ts
 * const baseline = staticPolicy({ instanceType: 'p3.2xlarge', market: 'on-demand' });
 * baseline.setup(spec, { nowMs, peakQps: 1000 }); // { totalUnits: 1234.5 (5 x 246.9), onDemandUnits: 1234.5, ... }
 * ```
 */
export const staticPolicy = (options: StaticPolicyOptions): Policy => {
  const market = options.market ?? 'on-demand';
  return {
    name: options.name ?? `static ${market} ${options.instanceType}`,
    setup(spec: SimFleetSpec, firstObservation: { nowMs: number; peakQps: number }): PolicySetup {
      const perInstance = unitsPerInstance(spec.config, options.instanceType);
      const totalUnits = Math.max(perInstance, roundUpToInstances(firstObservation.peakQps, perInstance));
      return {
        totalUnits,
        onDemandUnits: market === 'on-demand' ? totalUnits : 0,
        pools: poolsOf([options.instanceType], spec.availabilityZones),
        defaultMarket: market,
      };
    },
    onStep(): void {
      // Static by definition: the fleet keeps its peak capacity whatever the load.
    },
  };
};
