/** Capacity units of an instance type for a fleet, derived from the catalog when the fleets file gives none. */
import { capacityAtSlo } from '../core/catalog/capacity';
import type { CapacityResolver } from './fleets-file';

const MODELS = ['bert-large', 'bert-base'] as const;
type CatalogModel = (typeof MODELS)[number];
const isCatalogModel = (name: string): name is CatalogModel => (MODELS as readonly string[]).includes(name);

/**
 * Only models the catalog measured (BERT base/large, sequence 128 or 384) are derived; any other model must
 * state its capacity per type in the fleets file, since a wrong capacity makes every later decision wrong.
 */
export const catalogCapacity: CapacityResolver = (entry, instanceType) => {
  const seq = entry.model.sequenceLength ?? 384;
  if (!isCatalogModel(entry.model.name) || (seq !== 128 && seq !== 384)) return undefined;
  const capacity = capacityAtSlo({
    instanceType,
    model: entry.model.name,
    precision: entry.model.precision,
    sequenceLength: seq,
    sloP99Ms: entry.sloP99Ms,
  });
  return capacity && capacity.qpsPerInstance > 0 ? Math.floor(capacity.qpsPerInstance) : undefined;
};
