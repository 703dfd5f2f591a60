// The short Region codes AWS billing puts in front of usage types (`USW2-BoxUsage:g5.xlarge`), and their Regions.

/**
 * Billing short code -> Region, from AWS's "AWS Region billing codes" table
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html).
 * Two irregular codes matter: eu-west-1 is `EU` (no digit), and us-east-1 usually carries no prefix at all
 * (`BoxUsage:p3.2xlarge`) though `USE1-` also appears; af-south-1 is `AFS1` there (older lists say `CPT`).
 */
const REGION_OF_BILLING_CODE: Readonly<Record<string, string>> = {
  USE1: 'us-east-1',
  USE2: 'us-east-2',
  USW1: 'us-west-1',
  USW2: 'us-west-2',
  CAN1: 'ca-central-1',
  CAN2: 'ca-west-1',
  MXC1: 'mx-central-1',
  AFS1: 'af-south-1',
  APE1: 'ap-east-1',
  APE2: 'ap-east-2',
  APN1: 'ap-northeast-1',
  APN2: 'ap-northeast-2',
  APN3: 'ap-northeast-3',
  APS1: 'ap-southeast-1',
  APS2: 'ap-southeast-2',
  APS3: 'ap-south-1',
  APS4: 'ap-southeast-3',
  APS5: 'ap-south-2',
  APS6: 'ap-southeast-4',
  APS7: 'ap-southeast-5',
  APS8: 'ap-southeast-6',
  APS9: 'ap-southeast-7',
  EU: 'eu-west-1',
  EUC1: 'eu-central-1',
  EUC2: 'eu-central-2',
  EUN1: 'eu-north-1',
  EUS1: 'eu-south-1',
  EUS2: 'eu-south-2',
  EUW2: 'eu-west-2',
  EUW3: 'eu-west-3',
  ILC1: 'il-central-1',
  MEC1: 'me-central-1',
  MES1: 'me-south-1',
  SAE1: 'sa-east-1',
  UGE1: 'us-gov-east-1',
  UGW1: 'us-gov-west-1',
};

/** The Region a usage type with no prefix belongs to. */
export const UNPREFIXED_USAGE_REGION = 'us-east-1';

/**
 * The Region of a billing short code (`USW2` -> `us-west-2`, `EU` -> `eu-west-1`), or undefined for a code the
 * table does not know (a Region newer than the table: the caller keeps the code and says it could not place it).
 */
export const regionOfBillingCode = (code: string): string | undefined =>
  Object.hasOwn(REGION_OF_BILLING_CODE, code) ? REGION_OF_BILLING_CODE[code] : undefined;

/**
 * The billing short code of a Region (`us-west-2` -> `USW2`), undefined when unknown. us-east-1 gives `USE1`,
 * although its usage types mostly go without a prefix.
 */
export const billingCodeOfRegion = (region: string): string | undefined =>
  Object.entries(REGION_OF_BILLING_CODE).find(([, r]) => r === region)?.[0];
