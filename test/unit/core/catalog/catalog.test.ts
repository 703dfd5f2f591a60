// Instance catalog and Spot lookups, checked against rows of ../shared/data copied here with their line numbers.
import { describe, expect, it } from 'vitest';
import { getInstanceType, listInstanceTypes } from '../../../../layers/core/catalog/catalog';
import { spotAdvisorFor } from '../../../../layers/core/catalog/spot-advisor';
import { SPOT_PRICE_HISTORY_WINDOW, spotPricePoints } from '../../../../layers/core/catalog/spot-price-history';

describe('getInstanceType', () => {
  it('returns the specs and us-east-1 price of p3.2xlarge as the catalog CSV lists them', () => {
    // Prepare: gpu_catalog/aws_gpu_instance_catalog.csv line 66:
    // p3.2xlarge,p3,nvidia,v100,NVIDIA V100,NVIDIA Tesla V100,1,16.0,16.0,8,61.0,2500,,7.0,3.06,3.06,3.06,...
    // spot/spot_advisor_gpu.csv line 1657: 2025-06-28,...,us-east-1,Linux,p3.2xlarge,4,>20%,100,80,8,61.0
    // Act
    const spec = getInstanceType('p3.2xlarge');
    // Assess
    expect(spec).toEqual({
      instanceType: 'p3.2xlarge',
      family: 'p3',
      gpuName: 'v100',
      gpuCount: 1,
      gpuMemoryGiB: 16,
      gpuMemoryTotalGiB: 16,
      vcpu: 8,
      memoryGiB: 61,
      onDemandUsdPerHour: 3.06,
      spotAdvisor: { interruptionBucket: 4, interruptionLabel: '>20%', savingsPct: 80, snapshotDate: '2025-06-28' },
    });
  });

  it('gives per-GPU and total GPU memory for a multi-GPU type', () => {
    // Prepare: catalog CSV line 70: p4d.24xlarge,...,8,40.0,320.0,96,1152.0,...,21.957642,...
    // Act
    const spec = getInstanceType('p4d.24xlarge');
    // Assess
    expect(spec).toMatchObject({ gpuName: 'a100', gpuCount: 8, gpuMemoryGiB: 40, gpuMemoryTotalGiB: 320, onDemandUsdPerHour: 21.957642 });
  });

  it('leaves the price out for a type not priced in us-east-1', () => {
    // Prepare: catalog CSV line 74: p5e.48xlarge has empty on_demand_usd_per_hr_us_east_1
    // Act
    const spec = getInstanceType('p5e.48xlarge');
    // Assess
    expect(spec?.gpuName).toBe('h200');
    expect(spec).not.toHaveProperty('onDemandUsdPerHour');
  });

  it('returns undefined for a type the catalog does not list', () => {
    // Prepare / Act / Assess
    expect(getInstanceType('m5.large')).toBeUndefined();
    expect(getInstanceType('')).toBeUndefined();
  });
});

describe('listInstanceTypes', () => {
  it('lists all 69 GPU instance types once each, fresh objects on every call', () => {
    // Prepare / Act
    const first = listInstanceTypes();
    const second = listInstanceTypes();
    // Assess
    expect(first).toHaveLength(69);
    expect(new Set(first.map((t) => t.instanceType)).size).toBe(69);
    expect(first[0]).not.toBe(second[0]);
    for (const seed of ['p3.2xlarge', 'g4dn.xlarge', 'g5.xlarge', 'g6.xlarge', 'g6e.xlarge', 'p4d.24xlarge']) {
      expect(first.some((t) => t.instanceType === seed)).toBe(true);
    }
  });

  it('keeps total GPU memory equal to count times per-GPU memory', () => {
    // Prepare / Act
    const types = listInstanceTypes();
    // Assess
    for (const t of types) expect(t.gpuMemoryTotalGiB).toBeCloseTo(t.gpuCount * t.gpuMemoryGiB, 6);
  });
});

describe('spotAdvisorFor', () => {
  it('returns the latest us-east-1 Linux snapshot entry', () => {
    // Prepare: spot/spot_advisor_gpu.csv line 1612: 2025-06-28,...,us-east-1,Linux,g4dn.xlarge,3,15-20%,22,64,4,16.0
    // Act
    const info = spotAdvisorFor('g4dn.xlarge');
    // Assess
    expect(info).toEqual({ interruptionBucket: 3, interruptionLabel: '15-20%', savingsPct: 64, snapshotDate: '2025-06-28' });
  });

  it('returns undefined for a type the advisor does not list in us-east-1', () => {
    // Prepare / Act / Assess
    expect(spotAdvisorFor('p5e.48xlarge')).toBeUndefined();
    expect(spotAdvisorFor('not-a-type')).toBeUndefined();
  });
});

describe('spotPricePoints', () => {
  it('returns the 2022-05-31 Linux/UNIX price events of one AZ id', () => {
    // Prepare: spot/spot_price_history_2022-05-31_gpu.csv line 855:
    // use1-az6,p3.2xlarge,Linux/UNIX,0.918000,2022-05-31T21:18:00+00:00
    // Act
    const points = spotPricePoints('p3.2xlarge', 'use1-az6');
    // Assess
    expect(points).toContainEqual({ availabilityZoneId: 'use1-az6', instanceType: 'p3.2xlarge', usdPerHour: 0.918, timestamp: '2022-05-31T21:18:00Z' });
    expect(points.every((p) => p.availabilityZoneId === 'use1-az6' && p.instanceType === 'p3.2xlarge')).toBe(true);
  });

  it('returns points oldest first, all inside the documented window', () => {
    // Prepare / Act
    const points = spotPricePoints('g4dn.xlarge');
    // Assess
    expect(points.length).toBeGreaterThan(0);
    const times = points.map((p) => p.timestamp);
    expect([...times].sort()).toEqual(times);
    expect(times.every((t) => t >= SPOT_PRICE_HISTORY_WINDOW.from && t <= SPOT_PRICE_HISTORY_WINDOW.to)).toBe(true);
  });

  it('returns no points for a type outside the catalog', () => {
    // Prepare: inf1 rows exist in the CSV but inf1 is not a GPU type in the catalog
    // Act / Assess
    expect(spotPricePoints('inf1.xlarge')).toEqual([]);
  });
});
