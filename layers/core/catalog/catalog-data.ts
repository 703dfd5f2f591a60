// The shape of the generated catalog data (catalog.generated.ts), written by scripts/build-catalog.ts.
import type { Precision } from '../fleet';

/** BERT variants the TensorRT demo tables cover. */
export type BertModel = 'bert-large' | 'bert-base';
/** Sequence lengths the TensorRT demo tables cover (every request padded to this length). */
export type SequenceLength = 128 | 384;
/** Spot Instance Advisor interruption frequency bucket: 0 <5%, 1 5-10%, 2 10-15%, 3 15-20%, 4 >20% per month. */
export type InterruptionBucket = 0 | 1 | 2 | 3 | 4;

/** One EC2 instance type with at least one GPU (or accelerator), as listed in the shared GPU catalog. */
export interface InstanceTypeRow {
  readonly instanceType: string;
  readonly family: string;
  readonly gpuManufacturer: string;
  /** Lower-case GPU name as Karpenter reports it (`t4`, `a10g`, `v100`, `a100`, `l4`, `l40s`, `h100` ...). */
  readonly gpuName: string;
  readonly gpuCount: number;
  readonly gpuMemoryGiB: number;
  readonly gpuMemoryTotalGiB: number;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** us-east-1 Linux on-demand price; null where the type is not priced in us-east-1. */
  readonly onDemandUsdPerHour: number | null;
}

/** One Spot Instance Advisor entry for a type (region and OS are the snapshot's). */
export interface SpotAdvisorRow {
  readonly instanceType: string;
  readonly interruptionBucket: InterruptionBucket;
  readonly interruptionLabel: string;
  /** Average savings versus on-demand over the trailing 30 days, percent. */
  readonly savingsPct: number;
}

/** The latest Spot Instance Advisor snapshot for one region and OS. */
export interface SpotAdvisorSnapshot {
  /** Commit date of the embedded feed copy (the feed itself carries no date). */
  readonly snapshotDate: string;
  readonly sourceCommit: string;
  readonly region: string;
  readonly os: string;
  readonly rows: readonly SpotAdvisorRow[];
}

/** A Spot price change event: [availability zone id, instance type, USD per hour, ISO-8601 UTC time]. */
export type SpotPricePoint = readonly [string, string, number, string];

/** Linux/UNIX Spot price change events of a short window (DescribeSpotPriceHistory records). */
export interface SpotPriceHistory {
  readonly productDescription: string;
  readonly firstTimestamp: string;
  readonly lastTimestamp: string;
  /** Sorted by timestamp, then AZ id, then instance type. */
  readonly points: readonly SpotPricePoint[];
}

/** One TensorRT demo measurement: [model, sequence length, batch, precision, p95 ms, p99 ms, average ms]. */
export type LatencyRow = readonly [BertModel, SequenceLength, number, Precision, number, number, number];

/** The newest TensorRT BERT demo table for one GPU (single GPU, engine time only, no host copies). */
export interface TensorrtTable {
  /** The GPU as the README names it, e.g. `NVIDIA T4 (16GB)`. */
  readonly gpuLabel: string;
  readonly sourceCommit: string;
  readonly commitDate: string;
  readonly readmeTensorrtVersion: string;
  readonly rows: readonly LatencyRow[];
}

/** Per-accelerator MLPerf bert-99 Server QPS of a target and a reference GPU within one round. */
export interface MlperfRoundComparison {
  readonly round: string;
  readonly targetMedianQps: number;
  readonly targetRows: number;
  readonly referenceMedianQps: number;
  readonly referenceRows: number;
  readonly ratio: number;
}

/** One speed ratio target/reference, the geometric mean of the per-round ratios of the rounds both appear in. */
export interface MlperfLeg {
  readonly target: string;
  readonly reference: string;
  readonly rounds: readonly MlperfRoundComparison[];
  readonly ratio: number;
}

/** Where a GPU's latency curve comes from: measured in the TensorRT demo, or scaled from another GPU's table. */
export type PerformanceSource =
  | {
      readonly kind: 'tensorrt-demo';
      readonly table: string;
      /** The GPU has no INT8 tensor cores: INT8 requests are served with the FP16 measurements. */
      readonly int8UsesFp16: boolean;
      readonly note: string;
    }
  | {
      readonly kind: 'mlperf-ratio';
      /** The TensorRT table that is scaled. */
      readonly table: string;
      readonly int8UsesFp16: false;
      /** Chained MLPerf ratios (target/reference of each leg) from the estimated GPU down to the table's GPU. */
      readonly legs: readonly MlperfLeg[];
      readonly mlperfRatio: number;
      /** A further documented factor (e.g. A10G versus the A10 that MLPerf measured); 1 when none. */
      readonly extraFactor: number;
      readonly extraFactorReason: string;
      /** mlperfRatio x extraFactor: the estimated GPU is this many times as fast as the table's GPU. */
      readonly ratio: number;
      readonly note: string;
    };

/** Everything the generator extracts from ../shared/data. */
export interface CatalogData {
  readonly instanceTypes: readonly InstanceTypeRow[];
  readonly spotAdvisor: SpotAdvisorSnapshot;
  readonly spotPriceHistory: SpotPriceHistory;
  /** Keyed by GPU name (`t4`, `v100`, `a100`, `a30`, `l40s`). */
  readonly tensorrtTables: Readonly<Record<string, TensorrtTable>>;
  /** Keyed by the catalog's GPU name; a GPU absent here has no throughput data. */
  readonly performanceByGpu: Readonly<Record<string, PerformanceSource>>;
}
