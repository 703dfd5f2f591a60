/** The simulation's fixed mapping from us-east-1 availability zone names to AZ IDs (what the price history is keyed by). */
import { MarketConfigError } from './market-config-error';

/**
 * AZ name -> AZ ID for the simulation only. AWS maps zone names to physical zones independently per account
 * (`us-east-1a` is `use1-az4` in one account and `use1-az6` in another; `DescribeAvailabilityZones` returns
 * each account's `ZoneId`), so no table is true everywhere. This one is fixed so that runs are reproducible and
 * so that the five AZ IDs the 2022 price history covers (az1, az2, az4, az5, az6) sit behind a-d and f;
 * `use1-az3`, which has few GPU types, is `us-east-1e`.
 */
export const SIM_AZ_IDS: Readonly<Record<string, string>> = Object.freeze({
  'us-east-1a': 'use1-az1',
  'us-east-1b': 'use1-az2',
  'us-east-1c': 'use1-az4',
  'us-east-1d': 'use1-az6',
  'us-east-1e': 'use1-az3',
  'us-east-1f': 'use1-az5',
});

const AZ_ID_PATTERN = /^use1-az[1-6]$/;

/**
 * The AZ ID of a us-east-1 zone name under the simulation's table; an AZ ID is accepted as itself.
 *
 * @example
 * azIdOf('us-east-1c'); // 'use1-az4'
 * @throws MarketConfigError for a zone outside us-east-1 or unknown to the table.
 */
export const azIdOf = (availabilityZone: string): string => {
  const id = SIM_AZ_IDS[availabilityZone];
  if (id !== undefined) return id;
  if (AZ_ID_PATTERN.test(availabilityZone)) return availabilityZone;
  throw new MarketConfigError(
    `availability zone ${availabilityZone}: the simulation prices us-east-1 only (${Object.keys(SIM_AZ_IDS).join(', ')}, or an AZ ID use1-az1..6)`,
  );
};
