// Reads an EC2 instance usage type from billing (`USE1-SpotUsage:g5.xlarge`) as Region, market and instance type.
import type { Market } from '../fleet';
import { regionOfBillingCode, UNPREFIXED_USAGE_REGION } from './billing-region-codes';

/** An instance-hours usage type, read. */
export interface InstanceUsageType {
  /** The billing short code in front (`USE1`, `EU`, `APN1`); absent when the usage type has none. */
  regionPrefix?: string;
  /** The Region it places: from the prefix, us-east-1 without one; absent for a prefix the table does not know. */
  region?: string;
  market: Market;
  /** `g5.xlarge`, `p4d.24xlarge`. */
  instanceType: string;
  /** Dedicated tenancy (`DedicatedUsage:`), billed at on-demand rates on single-tenant hardware. */
  dedicated: boolean;
}

/**
 * Instance-hours families of EC2 usage types. Others (`HeavyUsage:` reservation fees, `HostUsage:` Dedicated Hosts,
 * `EBS:`, data transfer) are not instance-hours a fleet can scale, so they read as no instance usage.
 */
const FAMILIES: Readonly<Record<string, { market: Market; dedicated: boolean }>> = {
  BoxUsage: { market: 'on-demand', dedicated: false },
  SpotUsage: { market: 'spot', dedicated: false },
  DedicatedUsage: { market: 'on-demand', dedicated: true },
};

// `[CODE-]Family:family.size`; the code is 2 letters (`EU`) or 3 letters and a digit (`USE1`); types such as
// `u-6tb1.metal` and `mac2-m2pro.metal` have a dash in their family.
const USAGE_TYPE = /^(?:([A-Z]{2}|[A-Z]{3}\d)-)?([A-Za-z]+):([a-z][a-z0-9-]*\.[a-z0-9-]+)$/;

/**
 * Read an instance usage type, or undefined when it is not one (another service's or a non-instance EC2 usage).
 *
 * @example
 * ```ts
 * parseUsageType('USE1-SpotUsage:g5.xlarge');
 * // { regionPrefix: 'USE1', region: 'us-east-1', market: 'spot', instanceType: 'g5.xlarge', dedicated: false }
 * parseUsageType('BoxUsage:p3.2xlarge');
 * // { region: 'us-east-1', market: 'on-demand', instanceType: 'p3.2xlarge', dedicated: false }
 * parseUsageType('EU-BoxUsage:g4dn.xlarge').region; // 'eu-west-1'
 * parseUsageType('USE1-EBS:VolumeUsage.gp3'); // undefined
 * ```
 */
export const parseUsageType = (usageType: string): InstanceUsageType | undefined => {
  const match = USAGE_TYPE.exec(usageType.trim());
  if (match === null) return undefined;
  const [, prefix, familyName = '', instanceType = ''] = match;
  const family = Object.hasOwn(FAMILIES, familyName) ? FAMILIES[familyName] : undefined;
  if (family === undefined) return undefined;
  const region = prefix === undefined ? UNPREFIXED_USAGE_REGION : regionOfBillingCode(prefix);
  return {
    ...(prefix === undefined ? {} : { regionPrefix: prefix }),
    ...(region === undefined ? {} : { region }),
    market: family.market,
    instanceType,
    dedicated: family.dedicated,
  };
};
