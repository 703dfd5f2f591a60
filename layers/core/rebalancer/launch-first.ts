/** The fleet's overrides with a replacement's launch pools first: EC2 Fleet launches a surge from its top priorities. */
import type { FleetOverride } from '../observed';
import type { Launch } from '../rebalance/replacement-moves';

const keyOf = (instanceType: string, zone: string | undefined): string => `${instanceType}:${zone ?? ''}`;

/**
 * The same overrides, the move's launch type x zones first (in its order), the others after in their priority order,
 * renumbered from 0 (EC2: the lower the number, the higher the priority). Without this a surge would launch in the
 * plan's cheapest pool whatever the move planned (a 776-unit g6e.xlarge where it asked for 92-unit g4dn.xlarge).
 *
 * @example
 * launchFirst(view.overrides, move.launches)[0]; // { instanceType: 'g4dn.xlarge', availabilityZone: 'us-east-1b', ..., priority: 0 }
 */
export const launchFirst = (overrides: FleetOverride[], launches: Launch[]): FleetOverride[] => {
  const rank = new Map<string, number>();
  launches.forEach((l, i) => {
    const key = keyOf(l.pool.instanceType, l.pool.availabilityZone);
    if (!rank.has(key)) rank.set(key, i);
  });
  const order = (o: FleetOverride): number => rank.get(keyOf(o.instanceType, o.availabilityZone)) ?? Number.POSITIVE_INFINITY;
  return overrides
    .map((o, index) => ({ o, index }))
    .sort((a, b) => order(a.o) - order(b.o) || (a.o.priority ?? Number.POSITIVE_INFINITY) - (b.o.priority ?? Number.POSITIVE_INFINITY) || a.index - b.index)
    .map(({ o }, priority) => ({ ...o, priority }));
};
