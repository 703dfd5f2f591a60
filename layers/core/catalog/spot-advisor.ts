// Spot Instance Advisor lookups (us-east-1, Linux, latest snapshot) from the generated catalog.
import type { InterruptionBucket } from './catalog-data';
import { CATALOG_DATA } from './catalog.generated';

/** How often a type's Spot capacity was reclaimed, and how much Spot saved, per the AWS Spot Instance Advisor. */
export interface SpotAdvisorInfo {
  /** 0 <5%, 1 5-10%, 2 10-15%, 3 15-20%, 4 >20% of Spot instances reclaimed in the trailing month. */
  interruptionBucket: InterruptionBucket;
  /** The advisor's own label for the bucket, e.g. `15-20%`. */
  interruptionLabel: string;
  /** Average savings versus on-demand over the trailing 30 days, percent. */
  savingsPct: number;
  /** Date of the advisor snapshot the figures come from (YYYY-MM-DD). */
  snapshotDate: string;
}

const BY_TYPE: ReadonlyMap<string, SpotAdvisorInfo> = new Map(
  CATALOG_DATA.spotAdvisor.rows.map((row) => [
    row.instanceType,
    {
      interruptionBucket: row.interruptionBucket,
      interruptionLabel: row.interruptionLabel,
      savingsPct: row.savingsPct,
      snapshotDate: CATALOG_DATA.spotAdvisor.snapshotDate,
    },
  ]),
);

/**
 * The us-east-1 Linux Spot advisor entry for `instanceType`, or undefined when the advisor does not list it.
 *
 * @example
 * spotAdvisorFor('g4dn.xlarge'); // { interruptionBucket: 3, interruptionLabel: '15-20%', savingsPct: 64, snapshotDate: '2025-06-28' }
 */
export const spotAdvisorFor = (instanceType: string): SpotAdvisorInfo | undefined => {
  const info = BY_TYPE.get(instanceType);
  return info === undefined ? undefined : { ...info };
};
