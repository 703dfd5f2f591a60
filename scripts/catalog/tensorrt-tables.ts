// Reads throughput/tensorrt_bert_demo_int8_vs_fp16.csv and keeps, per GPU, the newest README version's table.
import type { BertModel, LatencyRow, SequenceLength, TensorrtTable } from '../../layers/core/catalog/catalog-data';
import type { Precision } from '../../layers/core/fleet';
import { CatalogSourceError } from './catalog-source-error';
import { field, numberField, type CsvFile } from './csv';

export const TENSORRT_FILE = 'throughput/tensorrt_bert_demo_int8_vs_fp16.csv';

const MODELS: Readonly<Record<string, BertModel>> = { 'bert large': 'bert-large', 'bert base': 'bert-base' };
const PRECISIONS: Readonly<Record<string, Precision>> = { INT8: 'int8', FP16: 'fp16' };

/** `NVIDIA V100 (16GB, 300W)` -> `v100`: the catalog's GPU naming, so both V100 tables land on one key. */
export const gpuKeyOf = (label: string): string => {
  const match = /^NVIDIA\s+(\S+)/.exec(label);
  if (match?.[1] === undefined) throw new CatalogSourceError(`${TENSORRT_FILE}: unexpected gpu label "${label}"`);
  return match[1].toLowerCase();
};

const toSequenceLength = (value: number): SequenceLength => {
  if (value === 128 || value === 384) return value;
  throw new CatalogSourceError(`${TENSORRT_FILE}: seq_len ${value} is not 128 or 384`);
};

const rowOrder = (a: LatencyRow, b: LatencyRow): number =>
  a[0].localeCompare(b[0]) || a[1] - b[1] || a[3].localeCompare(b[3]) || a[2] - b[2];

/**
 * One table per GPU from the README version with the latest commit date for that GPU. Megatron and INT8 QAT
 * rows are dropped: they are a different (sparse, quantization-aware) model from the BERT we size.
 */
export const parseTensorrtTables = (csv: CsvFile): Record<string, TensorrtTable> => {
  const file = TENSORRT_FILE;
  const newest = new Map<string, { date: number; commit: string }>();
  for (const row of csv.rows) {
    const key = gpuKeyOf(field(row, 'gpu', file));
    const date = Date.parse(field(row, 'commit_date', file));
    const seen = newest.get(key);
    if (seen === undefined || date > seen.date) newest.set(key, { date, commit: field(row, 'source_commit', file) });
  }
  const tables: Record<string, TensorrtTable> = {};
  for (const [key, { commit }] of [...newest].sort(([a], [b]) => a.localeCompare(b))) {
    const chosen = csv.rows.filter((row) => gpuKeyOf(field(row, 'gpu', file)) === key && field(row, 'source_commit', file) === commit);
    const rows: LatencyRow[] = [];
    for (const row of chosen) {
      const model = MODELS[field(row, 'model', file)];
      const precision = PRECISIONS[field(row, 'precision', file)];
      if (model === undefined || precision === undefined) continue;
      rows.push([
        model,
        toSequenceLength(numberField(row, 'seq_len', file)),
        numberField(row, 'batch_size', file),
        precision,
        numberField(row, 'latency_p95_ms', file),
        numberField(row, 'latency_p99_ms', file),
        numberField(row, 'latency_avg_ms', file),
      ]);
    }
    const first = chosen[0];
    if (first === undefined) continue;
    tables[key] = {
      gpuLabel: field(first, 'gpu', file),
      sourceCommit: commit,
      commitDate: field(first, 'commit_date', file),
      readmeTensorrtVersion: field(first, 'readme_tensorrt_version', file),
      rows: rows.sort(rowOrder),
    };
  }
  return tables;
};
