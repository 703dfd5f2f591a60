// The generator's parsers and the MLPerf ratio rule, on small inline fixtures shaped like the shared CSVs.
import { describe, expect, it } from 'vitest';
import { CatalogSourceError } from '../../../../scripts/catalog/catalog-source-error';
import { numberField, parseCsv } from '../../../../scripts/catalog/csv';
import { compareInRounds, mlperfServerRows } from '../../../../scripts/catalog/mlperf-ratios';
import { parseSpotAdvisor } from '../../../../scripts/catalog/spot-advisor';
import { gpuKeyOf, parseTensorrtTables } from '../../../../scripts/catalog/tensorrt-tables';

const MLPERF_HEADER = 'round,system,accelerator,accel_family,benchmark,scenario,per_accelerator_samples_per_s,result_validity';

describe('parseCsv', () => {
  it('keeps # lines as provenance and honours quoted commas and doubled quotes', () => {
    // Prepare
    const text = '# source: repo @ abc\n# licence\na,b,c\n1,"x, ""y""",3\n\n';
    // Act
    const csv = parseCsv(text);
    // Assess
    expect(csv.comments).toEqual(['source: repo @ abc', 'licence']);
    expect(csv.header).toEqual(['a', 'b', 'c']);
    expect(csv.rows).toEqual([{ a: '1', b: 'x, "y"', c: '3' }]);
  });

  it('raises a CatalogSourceError naming file and column for an empty numeric cell', () => {
    // Prepare
    const row = parseCsv('price\n\n""\n').rows[0] ?? {};
    // Act / Assess
    expect(() => numberField(row, 'price', 'f.csv')).toThrow(CatalogSourceError);
    expect(() => numberField(row, 'price', 'f.csv')).toThrow(/f\.csv: column "price"/);
  });
});

describe('compareInRounds', () => {
  it('takes per-round medians, compares only shared rounds and combines them by geometric mean', () => {
    // Prepare: target has v1 and v2 (and v9, which the reference lacks); Triton and MaxQ rows are ignored
    const csv = parseCsv(
      [
        MLPERF_HEADER,
        'v1,A,X A10,A10,bert-99,Server,100,VALID',
        'v1,B,X A10,A10,bert-99,Server,300,VALID',
        'v1,C_Triton,X A10,A10,bert-99,Server,1,VALID',
        'v2,A,X A10,A10,bert-99,Server,200,VALID',
        'v9,A,X A10,A10,bert-99,Server,999,VALID',
        'v1,R,NVIDIA A100-SXM4,A100,bert-99,Server,800,VALID',
        'v1,P,NVIDIA A100-PCIe,A100,bert-99,Server,10,VALID',
        'v2,R,NVIDIA A100-SXM-80GB,A100,bert-99,Server,400,VALID',
        'v2,R_MaxQ,NVIDIA A100-SXM-80GB,A100,bert-99,Server,1,VALID',
        'v2,R,NVIDIA A100-SXM-80GB,A100,bert-99,Offline,5,VALID',
      ].join('\n'),
    );
    // Act
    const leg = compareInRounds(
      mlperfServerRows(csv),
      { name: 'A10', family: 'A10' },
      { name: 'A100-SXM', family: 'A100', acceleratorPattern: /SXM/ },
    );
    // Assess: v1 median 200 / 800 = 0.25; v2 200 / 400 = 0.5; geometric mean sqrt(0.125)
    expect(leg.rounds.map((r) => [r.round, r.targetMedianQps, r.referenceMedianQps, r.ratio])).toEqual([
      ['v1', 200, 800, 0.25],
      ['v2', 200, 400, 0.5],
    ]);
    expect(leg.ratio).toBe(Math.round(Math.sqrt(0.125) * 1e4) / 1e4);
  });

  it('refuses to invent a ratio for GPUs that never share a round', () => {
    // Prepare
    const csv = parseCsv([MLPERF_HEADER, 'v1,A,A10,A10,bert-99,Server,100,VALID', 'v2,R,A100,A100,bert-99,Server,800,VALID'].join('\n'));
    // Act / Assess
    expect(() => compareInRounds(mlperfServerRows(csv), { name: 'A10', family: 'A10' }, { name: 'A100', family: 'A100' })).toThrow(
      /share no MLPerf round/,
    );
  });
});

describe('parseTensorrtTables', () => {
  const header = 'source_commit,commit_date,readme_tensorrt_version,gpu,model,seq_len,batch_size,precision,latency_p95_ms,latency_p99_ms,latency_avg_ms';

  it('maps both V100 labels to one GPU and keeps only the newest README version, without Megatron rows', () => {
    // Prepare
    const csv = parseCsv(
      [
        header,
        'old,2021-06-02T19:15:56-07:00,7.2,NVIDIA V100 (16GB),bert large,384,1,FP16,6,7,6.5',
        'new,2022-03-28T19:24:18-07:00,7.2,"NVIDIA V100 (16GB, 300W)",bert large,384,1,FP16,6.1,6.26,6.21',
        'new,2022-03-28T19:24:18-07:00,7.2,"NVIDIA V100 (16GB, 300W)",megatron large (sparse),384,1,INT8 QAT,1,1,1',
      ].join('\n'),
    );
    // Act
    const tables = parseTensorrtTables(csv);
    // Assess
    expect(gpuKeyOf('NVIDIA V100 (16GB, 300W)')).toBe('v100');
    expect(Object.keys(tables)).toEqual(['v100']);
    expect(tables.v100?.sourceCommit).toBe('new');
    expect(tables.v100?.rows).toEqual([['bert-large', 384, 1, 'fp16', 6.1, 6.26, 6.21]]);
  });
});

describe('parseSpotAdvisor', () => {
  it('keeps only the latest snapshot of the requested region and OS', () => {
    // Prepare
    const head = 'snapshot_date,source_commit,region,os,instance_type,interruption_bucket,interruption_label,savings_pct';
    const csv = parseCsv(
      [
        head,
        '2021-02-10,old,us-east-1,Linux,g4dn.xlarge,2,10-15%,70',
        '2025-06-28,new,us-east-1,Linux,g4dn.xlarge,3,15-20%,64',
        '2025-06-28,new,us-east-1,Windows,g4dn.xlarge,1,5-10%,40',
        '2025-06-28,new,eu-west-1,Linux,g5.xlarge,0,<5%,50',
      ].join('\n'),
    );
    // Act
    const snapshot = parseSpotAdvisor(csv);
    // Assess
    expect(snapshot).toEqual({
      snapshotDate: '2025-06-28',
      sourceCommit: 'new',
      region: 'us-east-1',
      os: 'Linux',
      rows: [{ instanceType: 'g4dn.xlarge', interruptionBucket: 3, interruptionLabel: '15-20%', savingsPct: 64 }],
    });
  });
});
