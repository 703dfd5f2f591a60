/** Load what the spot decision reads: fleet, queues, demand, incident and pool risk, from the ports. */
import type { FleetConfig } from '../core/fleet';
import type { InstanceView } from '../core/observed';
import type { SpotContext } from '../core/spot-context';
import type { SpotDeps } from './spot-deps';

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Arrival rate over the fleet's queues; undefined if any queue has no datapoint (partial data would understate it). */
const arrivalQps = async (deps: SpotDeps, fleet: FleetConfig, nowMs: number): Promise<number | undefined> => {
  const rates = await Promise.all(
    fleet.queueUrls.map((url) => deps.metrics.arrivalRateQps(url, nowMs, deps.config.arrivalWindowSeconds)),
  );
  return rates.some((r) => r === undefined) ? undefined : sum(rates as number[]);
};

export const loadSpotContext = async (deps: SpotDeps, fleet: FleetConfig, instance: InstanceView): Promise<SpotContext> => {
  const nowMs = deps.clock.nowMs();
  const [fleetView, incident, atRiskPools, stats, qps] = await Promise.all([
    deps.fleet.describeFleet(fleet.fleetId),
    deps.ledger.getIncident(instance.instanceId),
    deps.ledger.listAtRiskPools(nowMs),
    Promise.all(fleet.queueUrls.map((url) => deps.queue.stats(url))),
    arrivalQps(deps, fleet, nowMs).catch((error: unknown) => {
      // Demand is an input to "is a surge needed"; without it the policy decides (surge by default).
      deps.logger.warn('reading queue arrival rate failed', { fleetId: fleet.fleetId, error: String(error) });
      return undefined;
    }),
  ]);
  return {
    fleet,
    instance,
    fleetView,
    incident,
    atRiskPools,
    demand: { arrivalQps: qps, backlog: sum(stats.map((s) => s.visibleMessages + s.delayedMessages)) },
    policy: deps.config.policy,
    nowMs,
  };
};
