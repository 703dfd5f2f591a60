/**
 * The autopilot in the simulation is the real one: the deployed handlers, built with their make-handler factories
 * on twins around the simulated fleet, fed the events AWS would send, retried as Lambda retries async invocations.
 * Capacity comes from the forecast scaler (schedule rule and its forecast steps) and the gpu-alarm function (the
 * fleet's GPU alarms evaluated on the simulated utilization); the rebalancer moves capacity between pools; Spot
 * interruptions go to the spot-interruption handler.
 */
import type { Observation, Policy, PolicySetup, SimFleetSpec } from '../model/policy';
import { autopilotFleetSetup } from './autopilot-fleet-setup';
import { AutopilotFunctions } from './autopilot-functions';
import { rebalancerOf, type AutopilotOptions } from './autopilot-options';
import { PolicyConfigError } from './policy-config-error';
import { targetTrackingPolicy } from './target-tracking-policy';

export type { AutopilotOptions } from './autopilot-options';

/** What the autopilot's own machinery did in a run, beyond the engine's figures (for a bench's table). */
export interface AutopilotStats {
  /** Instances the rebalancer drained to move their capacity (rolling replacements started). */
  replacements: number;
  /** Rebalance plans recorded, and the $/h saving each expected (after minus before, negative = cheaper). */
  rebalancePlans: { atMs: number; usdPerHourBefore: number; usdPerHourAfter: number }[];
  /** "CloudWatch Alarm State Change" events delivered to the gpu-alarm function. */
  alarmEvents: number;
  /** Invocations per function, and events given up after Lambda's retries (its on-failure destination). */
  invocations: Record<string, number>;
  failedEvents: number;
}

export interface AutopilotPolicy extends Policy {
  /** The run's functions and twins, once attached (tests read the ledger, the notifier, the fleet). */
  functions(): AutopilotFunctions | undefined;
  stats(): AutopilotStats;
}

const num = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN);

const statsOf = (f: AutopilotFunctions | undefined): AutopilotStats => {
  const actions = f?.world.ledger.actions().filter((a) => a.status === 'applied') ?? [];
  const fns = f ? [f.spot, f.forecast?.fn, f.gpuAlarm?.fn, f.rebalancer?.fn].filter((x) => x !== undefined) : [];
  return {
    replacements: actions.filter((a) => a.type === 'tag-drain' && a.incidentId.startsWith('rebalance#')).length,
    rebalancePlans: actions
      .filter((a) => a.type === 'rebalance-plan')
      .map((a) => ({ atMs: a.atMs, usdPerHourBefore: num(a.before.usdPerHour), usdPerHourAfter: num(a.after.usdPerHour) })),
    alarmEvents: f?.gpuAlarm?.fn.invocations ?? 0,
    invocations: Object.fromEntries(fns.map((fn) => [fn.functionName, fn.invocations])),
    failedEvents: fns.reduce((n, fn) => n + fn.failed.length, 0),
  };
};

/**
 * The autopilot with every function on by default (forecast scaler, gpu-alarm, rebalancer, spot-interruption);
 * `{ rebalancer: false }` is the same autopilot on a fixed mix, `{ sizing }` the target-tracking variant.
 *
 * @example
 * const policies = [() => autopilotPolicy(), () => autopilotPolicy({ name: 'autopilot (fixed mix)', rebalancer: false })];
 */
export const autopilotPolicy = (options: AutopilotOptions = {}): AutopilotPolicy => {
  const name = options.name ?? 'autopilot';
  const market = options.market ?? 'spot';
  const sizing = options.sizing ? targetTrackingPolicy({ ...options.sizing, name }) : undefined;
  let spec: SimFleetSpec | undefined;
  let functions: AutopilotFunctions | undefined;

  return {
    name,
    setup: (s, first): PolicySetup => {
      spec = s;
      if (sizing) return sizing.setup(s, first);
      // The rebalancer steers launches through the overrides' priorities; a fleet without it is left to EC2's lowest price.
      const allocation = options.allocation ?? (rebalancerOf(options) ? 'prioritized' : 'lowest-price');
      return autopilotFleetSetup({ spec: s, demandQps: first.demandQps ?? first.peakQps, market, nowMs: first.nowMs, allocation, ...(first.prices ? { prices: first.prices } : {}) });
    },
    attach(world) {
      if (!spec) throw new PolicyConfigError(`${name}: attach before setup`);
      if (sizing && rebalancerOf(options)) {
        // The rebalancer steers launches through override priorities, which the target-tracking setup does not give.
        throw new PolicyConfigError(`${name}: the rebalancer needs the prioritized overrides of the forecast setup, not target-tracking sizing`);
      }
      functions = new AutopilotFunctions(world, spec, options);
    },
    async onEvent(event, nowMs) {
      await functions?.onEvent(event, nowMs);
    },
    async onStep(observation: Observation, fleet) {
      if (!functions) return;
      await functions.onStep(observation);
      if (sizing) await sizing.onStep(observation, fleet);
    },
    actionCount: () => functions?.timeline.applied ?? 0,
    functions: () => functions,
    stats: () => statsOf(functions),
  };
};
