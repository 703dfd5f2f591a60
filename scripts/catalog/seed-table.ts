// The seed-case table the generator prints: BERT-large capacity and cost of the common AWS GPU types.
import type { CapacityAtSlo, CapacityQuery } from '../../layers/core/catalog/capacity';
import type { InstanceTypeSpec } from '../../layers/core/catalog/catalog';

/** The instance types users ask about first, one per GPU generation. */
export const SEED_TYPES = ['p3.2xlarge', 'g4dn.xlarge', 'g5.xlarge', 'g6.xlarge', 'g6e.xlarge', 'p4d.24xlarge'] as const;
/** The seed load: 10,000 requests per minute. */
export const SEED_REQUESTS_PER_MINUTE = 10_000;

/** The catalog functions the table needs, passed in so the script can load them after writing the new data. */
export interface SeedTableDeps {
  capacityAtSlo: (query: CapacityQuery) => CapacityAtSlo | undefined;
  getInstanceType: (instanceType: string) => InstanceTypeSpec | undefined;
}

const cell = (text: string, width: number): string => text.padEnd(width);

/** Plain-text table: per seed type, batch, QPS per instance, instances and on-demand $/h for the seed load. */
export const seedTable = (deps: SeedTableDeps, sloP99Ms = 100): string => {
  const qps = SEED_REQUESTS_PER_MINUTE / 60;
  const lines = [
    `BERT-large, ${SEED_REQUESTS_PER_MINUTE} requests/min (${qps.toFixed(1)} QPS), p99 SLO ${sloP99Ms} ms ` +
      `(half for the batch, half for queue wait), seq 384 unless noted; est = MLPerf-ratio estimate`,
    [
      cell('type', 14), cell('gpu', 9), cell('src', 5), cell('int8 batch', 11), cell('int8 QPS/inst', 14),
      cell('inst', 5), cell('$/h', 9), cell('fp16 QPS/inst', 14), cell('int8 seq128 QPS/inst', 20),
    ].join(''),
  ];
  for (const instanceType of SEED_TYPES) {
    const spec = deps.getInstanceType(instanceType);
    const at = (precision: 'int8' | 'fp16', sequenceLength: 128 | 384): CapacityAtSlo | undefined =>
      deps.capacityAtSlo({ instanceType, model: 'bert-large', precision, sequenceLength, sloP99Ms });
    const int8 = at('int8', 384);
    const instances = int8 !== undefined && int8.qpsPerInstance > 0 ? Math.ceil(qps / int8.qpsPerInstance) : undefined;
    const price = spec?.onDemandUsdPerHour;
    lines.push(
      [
        cell(instanceType, 14),
        cell(`${spec?.gpuCount ?? '?'}x${spec?.gpuName ?? '?'}`, 9),
        cell(int8?.estimated === true ? 'est' : 'trt', 5),
        cell(String(int8?.batchSize ?? '-'), 11),
        cell(int8 === undefined ? '-' : int8.qpsPerInstance.toFixed(1), 14),
        cell(String(instances ?? '-'), 5),
        cell(instances !== undefined && price !== undefined ? (instances * price).toFixed(2) : '-', 9),
        cell(at('fp16', 384)?.qpsPerInstance.toFixed(1) ?? '-', 14),
        cell(at('int8', 128)?.qpsPerInstance.toFixed(1) ?? '-', 20),
      ].join(''),
    );
  }
  return lines.join('\n');
};
