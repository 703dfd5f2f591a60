/** Which instances of a signal belong to a managed fleet, with the fleet's config entry. */
import type { FleetConfig } from '../core/fleet';
import type { InstanceView } from '../core/observed';
import type { InstanceSignal } from '../core/signals';
import type { SpotDeps } from './spot-deps';

export interface ManagedInstance {
  signal: InstanceSignal;
  instance: InstanceView;
  fleet: FleetConfig;
}

/**
 * Resolve every instance with one DescribeInstances call. An instance EC2 no longer returns (terminated
 * long ago) is rebuilt from its open incident, so its state change still closes the incident.
 */
export const resolveManaged = async (
  deps: Pick<SpotDeps, 'fleet' | 'ledger' | 'config'>,
  signals: InstanceSignal[],
): Promise<{ managed: ManagedInstance[]; ignored: { instanceId: string; reason: string }[] }> => {
  const ids = [...new Set(signals.map((s) => s.instanceId))];
  const found = new Map((await deps.fleet.describeInstances(ids)).map((i) => [i.instanceId, i]));
  const managed: ManagedInstance[] = [];
  const ignored: { instanceId: string; reason: string }[] = [];
  for (const signal of signals) {
    let instance = found.get(signal.instanceId);
    if (!instance) {
      const incident = await deps.ledger.getIncident(signal.instanceId);
      if (incident) {
        instance = {
          instanceId: incident.instanceId,
          instanceType: incident.pool.instanceType,
          availabilityZone: incident.pool.availabilityZone,
          market: incident.pool.market,
          state: 'terminated',
          fleetId: incident.fleetId,
          launchTimeMs: incident.openedAtMs,
          tags: {},
        };
      }
    }
    if (!instance) {
      ignored.push({ instanceId: signal.instanceId, reason: 'instance not found' });
      continue;
    }
    const fleet = deps.config.fleets.find((f) => f.fleetId === instance.fleetId);
    if (!fleet) {
      ignored.push({ instanceId: signal.instanceId, reason: instance.fleetId ? `fleet ${instance.fleetId} is not managed` : 'not launched by an EC2 Fleet' });
      continue;
    }
    managed.push({ signal, instance, fleet });
  }
  return { managed, ignored };
};
