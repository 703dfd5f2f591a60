// capacityAtSlo by example: expected values computed here from cited rows of the shared TensorRT / MLPerf CSVs.
import { describe, expect, it } from 'vitest';
import { capacityAtSlo, InvalidCapacityQueryError, type CapacityQuery } from '../../../../layers/core/catalog/capacity';

// Rows of throughput/tensorrt_bert_demo_int8_vs_fp16.csv (line: gpu, model, seq, batch, precision, p95, p99, avg).
const T4_LARGE_384_B4_INT8 = { line: 744, batch: 4, p99: 24.27, avg: 23.73 }; // 1d6bf36, T4 (16GB)
const T4_LARGE_384_B8_INT8 = { line: 746, batch: 8, p99: 48.7, avg: 47.89 }; // largest batch under 50 ms, lower QPS
const V100_LARGE_384_B12_FP16 = { line: 471, batch: 12, p99: 49.05, avg: 48.6 }; // f83c12f, V100 (16GB, 300W)
const V100_LARGE_384_B16_FP16 = { line: 473, batch: 16, p99: 64.87, avg: 64.3 };
const A100_LARGE_384_B64_INT8 = { line: 836, batch: 64, p99: 45.3, avg: 44.83 }; // 9973b2f, A100 (40GB)
const A100_LARGE_384_B12_INT8 = { line: 828, batch: 12, p99: 9.14, avg: 9.13 };
const A100_LARGE_384_B16_INT8 = { line: 830, batch: 16, p99: 12.28, avg: 12.28 };
const L40S_LARGE_384_B16_INT8 = { line: 1030, batch: 16, p99: 9.49, avg: 9.44 }; // 9973b2f, L40S
const L40S_LARGE_384_B1_INT8 = { line: 1020, batch: 1, p99: 1.68, avg: 1.68 };

const qps = (row: { batch: number; avg: number }): number => (row.batch / row.avg) * 1000;

const bertLarge384 = (instanceType: string, precision: 'int8' | 'fp16', sloP99Ms: number): CapacityQuery => ({
  instanceType,
  model: 'bert-large',
  precision,
  sequenceLength: 384,
  sloP99Ms,
});

describe('capacityAtSlo on measured GPUs', () => {
  it('sizes g4dn.xlarge from the T4 table: best-throughput batch within half of a 100 ms SLO', () => {
    // Prepare: budget = 100 ms x 0.5 = 50 ms; batch 8 (p99 48.7) fits but batch 4 has the higher QPS
    const expected = qps(T4_LARGE_384_B4_INT8);
    expect(expected).toBeGreaterThan(qps(T4_LARGE_384_B8_INT8));
    // Act
    const result = capacityAtSlo(bertLarge384('g4dn.xlarge', 'int8', 100));
    // Assess
    expect(result).toMatchObject({ batchSize: 4, latencyMs: T4_LARGE_384_B4_INT8.p99, budgetMs: 50, source: 'tensorrt-demo', estimated: false });
    expect(result?.perGpuQps).toBeCloseTo(expected, 9);
    expect(result?.qpsPerInstance).toBeCloseTo(expected, 9);
  });

  it('serves INT8 on p3.2xlarge (V100) with the FP16 numbers and says so', () => {
    // Prepare: batch 12 FP16 p99 49.05 <= 50 ms; batch 16 p99 64.87 does not fit
    expect(V100_LARGE_384_B16_FP16.p99).toBeGreaterThan(50);
    // Act
    const int8 = capacityAtSlo(bertLarge384('p3.2xlarge', 'int8', 100));
    const fp16 = capacityAtSlo(bertLarge384('p3.2xlarge', 'fp16', 100));
    // Assess
    expect(int8?.batchSize).toBe(12);
    expect(int8?.qpsPerInstance).toBeCloseTo(qps(V100_LARGE_384_B12_FP16), 9);
    expect(int8?.qpsPerInstance).toBe(fp16?.qpsPerInstance);
    expect(int8?.note).toMatch(/INT8 served with FP16/);
    expect(int8?.note).toMatch(/no INT8 tensor cores/);
  });

  it('multiplies per-GPU throughput by the 8 GPUs of p4d.24xlarge', () => {
    // Prepare: A100 batch 64 p99 45.3 <= 50 ms; batch 128 p99 88.02 does not fit
    const perGpu = qps(A100_LARGE_384_B64_INT8);
    // Act
    const result = capacityAtSlo(bertLarge384('p4d.24xlarge', 'int8', 100));
    // Assess
    expect(result?.batchSize).toBe(64);
    expect(result?.perGpuQps).toBeCloseTo(perGpu, 9);
    expect(result?.qpsPerInstance).toBeCloseTo(8 * perGpu, 9);
  });

  it('prefers the smaller L40S batch when a larger fitting one is slower (g6e.xlarge)', () => {
    // Prepare: L40S batch 16 gives 1694.9/s; batches 32 and 64 also fit 50 ms but give 1686.9 and 1539.9
    // Act
    const result = capacityAtSlo(bertLarge384('g6e.xlarge', 'int8', 100));
    // Assess
    expect(result?.batchSize).toBe(16);
    expect(result?.qpsPerInstance).toBeCloseTo(qps(L40S_LARGE_384_B16_INT8), 9);
  });

  it('uses the whole SLO as the batch budget when serviceShareOfSlo is 1', () => {
    // Prepare: 10 ms budget on L40S: batch 16 p99 9.49 fits
    // Act
    const whole = capacityAtSlo({ ...bertLarge384('g6e.xlarge', 'int8', 10), serviceShareOfSlo: 1 });
    const half = capacityAtSlo(bertLarge384('g6e.xlarge', 'int8', 10));
    // Assess
    expect(whole).toMatchObject({ batchSize: 16, budgetMs: 10 });
    expect(half?.budgetMs).toBe(5);
    expect(half?.qpsPerInstance).toBeLessThan(whole?.qpsPerInstance ?? 0);
  });

  it('reports zero capacity, with the reason, when not even batch 1 fits the budget', () => {
    // Prepare: L40S batch 1 p99 is 1.68 ms; a 3 ms SLO leaves 1.5 ms
    // Act
    const result = capacityAtSlo(bertLarge384('g6e.xlarge', 'int8', 3));
    // Assess
    expect(result).toMatchObject({ qpsPerInstance: 0, perGpuQps: 0, batchSize: 0, latencyMs: L40S_LARGE_384_B1_INT8.p99 });
    expect(result?.note).toMatch(/Even batch 1/);
  });
});

describe('capacityAtSlo on estimated GPUs', () => {
  it('scales the A100 table by the MLPerf A10/A100 ratio and the A10G factor for g5.xlarge', () => {
    // Prepare: mlperf_inference_datacenter_bert_resnet.csv bert-99 Server per-accelerator QPS:
    // A10 v1.0 lines 9-10: 980.52, 900.476 -> median 940.498; A10 v1.1 lines 17, 19, 20: 974.94, 924.7, 900.211 -> 924.7.
    // A100-SXM medians (non-Triton, non-MaxQ rows): v1.0 3175.46 (16 rows), v1.1 3224.421 (7 rows).
    const mlperf = Math.round(Math.sqrt((940.498 / 3175.46) * (924.7 / 3224.421)) * 1e4) / 1e4;
    const ratio = Math.round(mlperf * 0.8 * 1e4) / 1e4;
    // Scaled p99 must fit 50 ms: A100 batch 12 p99 9.14 / ratio fits, batch 16 p99 12.28 / ratio does not.
    expect(A100_LARGE_384_B12_INT8.p99 / ratio).toBeLessThanOrEqual(50);
    expect(A100_LARGE_384_B16_INT8.p99 / ratio).toBeGreaterThan(50);
    // Act
    const result = capacityAtSlo(bertLarge384('g5.xlarge', 'int8', 100));
    // Assess
    expect(mlperf).toBe(0.2914);
    expect(result).toMatchObject({ source: 'mlperf-ratio', estimated: true, batchSize: 12 });
    expect(result?.qpsPerInstance).toBeCloseTo(qps(A100_LARGE_384_B12_INT8) * ratio, 9);
    expect(result?.note).toMatch(/A10\/A100-SXM 0\.2914/);
    expect(result?.note).toMatch(/x 0\.8 \(A10G vs A10\)/);
  });

  it.each(['g6.xlarge', 'p5.48xlarge', 'p5en.48xlarge', 'gr6.4xlarge'])('marks %s as estimated from MLPerf ratios', (instanceType) => {
    // Prepare / Act
    const result = capacityAtSlo(bertLarge384(instanceType, 'fp16', 200));
    // Assess
    expect(result?.estimated).toBe(true);
    expect(result?.source).toBe('mlperf-ratio');
    expect(result?.note).toMatch(/MLPerf bert-99 Server per-GPU QPS ratio/);
    expect(result?.qpsPerInstance).toBeGreaterThan(0);
  });

  it.each(['p3.2xlarge', 'g4dn.xlarge', 'g6e.xlarge', 'p4d.24xlarge', 'p4de.24xlarge', 'p3dn.24xlarge'])('marks %s as measured', (instanceType) => {
    // Prepare / Act
    const result = capacityAtSlo(bertLarge384(instanceType, 'int8', 200));
    // Assess
    expect(result).toMatchObject({ estimated: false, source: 'tensorrt-demo' });
  });
});

describe('capacityAtSlo without data', () => {
  it.each(['m5.large', 'g4ad.xlarge', 'dl1.24xlarge', 'g5g.xlarge', 'g7e.2xlarge', 'p6-b200.48xlarge'])(
    'returns undefined for %s (unknown type or GPU without throughput data)',
    (instanceType) => {
      // Prepare / Act / Assess
      expect(capacityAtSlo(bertLarge384(instanceType, 'int8', 100))).toBeUndefined();
    },
  );

  it('sizes bert-base from the same GPU table as bert-large, at a higher rate', () => {
    // Prepare / Act
    const large = capacityAtSlo(bertLarge384('p3.2xlarge', 'fp16', 100));
    const base = capacityAtSlo({ ...bertLarge384('p3.2xlarge', 'fp16', 100), model: 'bert-base' });
    // Assess
    expect(base?.qpsPerInstance).toBeGreaterThan(large?.qpsPerInstance ?? Number.POSITIVE_INFINITY);
  });

  it('rejects a service share outside (0, 1] and a non-finite SLO with a typed, non-retryable error', () => {
    // Prepare
    const query = bertLarge384('g4dn.xlarge', 'int8', 100);
    // Act / Assess
    for (const serviceShareOfSlo of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => capacityAtSlo({ ...query, serviceShareOfSlo })).toThrow(InvalidCapacityQueryError);
    }
    expect(() => capacityAtSlo({ ...query, sloP99Ms: Number.POSITIVE_INFINITY })).toThrow(InvalidCapacityQueryError);
    expect(new InvalidCapacityQueryError('x').retryable).toBe(false);
  });
});
