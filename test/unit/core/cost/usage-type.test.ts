// parseUsageType: billing usage types of EC2 instance-hours read as Region, market and instance type.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingCodeOfRegion, regionOfBillingCode } from '../../../../layers/core/cost/billing-region-codes';
import { parseUsageType } from '../../../../layers/core/cost/usage-type';

describe('parseUsageType', () => {
  it.each([
    ['USE1-SpotUsage:g5.xlarge', { regionPrefix: 'USE1', region: 'us-east-1', market: 'spot', instanceType: 'g5.xlarge', dedicated: false }],
    ['BoxUsage:p3.2xlarge', { region: 'us-east-1', market: 'on-demand', instanceType: 'p3.2xlarge', dedicated: false }],
    ['SpotUsage:g4dn.12xlarge', { region: 'us-east-1', market: 'spot', instanceType: 'g4dn.12xlarge', dedicated: false }],
    ['EU-BoxUsage:g4dn.xlarge', { regionPrefix: 'EU', region: 'eu-west-1', market: 'on-demand', instanceType: 'g4dn.xlarge', dedicated: false }],
    ['USW2-BoxUsage:p4d.24xlarge', { regionPrefix: 'USW2', region: 'us-west-2', market: 'on-demand', instanceType: 'p4d.24xlarge', dedicated: false }],
    ['APN1-SpotUsage:g6e.48xlarge', { regionPrefix: 'APN1', region: 'ap-northeast-1', market: 'spot', instanceType: 'g6e.48xlarge', dedicated: false }],
    ['APS3-BoxUsage:g5.2xlarge', { regionPrefix: 'APS3', region: 'ap-south-1', market: 'on-demand', instanceType: 'g5.2xlarge', dedicated: false }],
    ['EUC1-DedicatedUsage:p3.8xlarge', { regionPrefix: 'EUC1', region: 'eu-central-1', market: 'on-demand', instanceType: 'p3.8xlarge', dedicated: true }],
    ['USE2-BoxUsage:u-6tb1.metal', { regionPrefix: 'USE2', region: 'us-east-2', market: 'on-demand', instanceType: 'u-6tb1.metal', dedicated: false }],
  ])('reads %s', (usageType, expected) => {
    // Act
    const parsed = parseUsageType(usageType);

    // Assess
    expect(parsed).toEqual(expected);
  });

  it('keeps a prefix it cannot place, and leaves the Region out rather than guessing', () => {
    // Act
    const parsed = parseUsageType('ZZZ9-SpotUsage:g5.xlarge');

    // Assess
    expect(parsed).toEqual({ regionPrefix: 'ZZZ9', market: 'spot', instanceType: 'g5.xlarge', dedicated: false });
  });

  it.each([
    'USE1-EBS:VolumeUsage.gp3',
    'HeavyUsage:p3.2xlarge',
    'USW2-HostUsage:p3',
    'BoxUsage',
    'APE1-USE1-AWS-In-Bytes',
    'USE1-DataTransfer-Out-Bytes',
    'AnomalousUsageType',
    'SpotUsage:',
    'spotusage:g5.xlarge',
    '',
  ])('reads %j as no instance usage', (usageType) => {
    // Act
    const parsed = parseUsageType(usageType);

    // Assess
    expect(parsed).toBeUndefined();
  });

  it('reads back the Region of every prefix it writes, for instance types of any family', () => {
    // Prepare
    const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-south-1', 'sa-east-1'];
    const instanceType = fc
      .tuple(fc.constantFrom('g5', 'g6e', 'p4d', 'p5', 'inf2', 'trn1n', 'g4dn'), fc.constantFrom('xlarge', '2xlarge', '48xlarge', 'metal'))
      .map(([family, size]) => `${family}.${size}`);

    // Act / Assess
    fc.assert(
      fc.property(fc.constantFrom(...regions), fc.constantFrom('BoxUsage', 'SpotUsage'), instanceType, (region, family, type) => {
        const code = billingCodeOfRegion(region) ?? '';
        const parsed = parseUsageType(`${code}-${family}:${type}`);
        expect(parsed?.region).toBe(region);
        expect(parsed?.instanceType).toBe(type);
        expect(parsed?.market).toBe(family === 'SpotUsage' ? 'spot' : 'on-demand');
      }),
    );
  });
});

describe('billing Region codes', () => {
  it('places the irregular codes: EU is eu-west-1, APS3 is ap-south-1', () => {
    // Act / Assess
    expect(regionOfBillingCode('EU')).toBe('eu-west-1');
    expect(regionOfBillingCode('APS3')).toBe('ap-south-1');
    expect(billingCodeOfRegion('eu-west-1')).toBe('EU');
  });

  it('knows nothing of codes outside the table, not even inherited object keys', () => {
    // Act / Assess
    expect(regionOfBillingCode('toString')).toBeUndefined();
    expect(regionOfBillingCode('CPT')).toBeUndefined();
    expect(billingCodeOfRegion('mars-north-1')).toBeUndefined();
  });
});
