// The high-GPU-memory rule by example on the real catalog: the seed's BERT-large on p3.2xlarge, per precision.
import { describe, expect, it } from 'vitest';
import { decideGpuAlarm } from '../../../../layers/core/gpu-alarm/decide-gpu-alarm';
import { gpuAlarmSettingsOf } from '../../../../layers/core/gpu-alarm/gpu-alarm-settings';
import type { GpuAlarmInput } from '../../../../layers/core/gpu-alarm/gpu-alarm-types';
import { gpuTypeOptionsFor } from '../../../../layers/core/gpu-alarm/gpu-type-options';
import type { FleetConfig } from '../../../../layers/core/fleet';
import { aGpuAlarmInput, aGpuSignal, aLoad, aMemory, MINUTE_MS, NOW_MS } from '../../../helpers/gpu-alarm-factories';
import { aFleet, FLEET_ID } from '../../../helpers/spot-factories';

/** The seed's case: BERT-large FP16 on on-demand p3.2xlarge (V100 16 GiB), 100 ms p99, three instances. */
const seedFleet = (overrides: Partial<FleetConfig> = {}): FleetConfig =>
  aFleet({
    model: { name: 'bert-large', precision: 'fp16' },
    sloP99Ms: 100,
    capacityUnitsByType: { 'p3.2xlarge': 247 },
    minCapacityUnits: 247,
    maxCapacityUnits: 2470,
    onDemandBaseUnits: 247,
    ...overrides,
  });

/** GPU memory 90% full while 480 QPS (needing 600 units at 80%) use 65% of the 741 units. */
const memoryAlarm = (fleet: FleetConfig, overrides: Partial<GpuAlarmInput> = {}): GpuAlarmInput =>
  aGpuAlarmInput({
    fleet,
    settings: gpuAlarmSettingsOf(fleet),
    catalog: gpuTypeOptionsFor(fleet),
    signal: aGpuSignal({ kind: 'gpu-memory-high', value: 90, threshold: 90, stateChangedAtMs: NOW_MS - 5 * MINUTE_MS }),
    targetUnits: 741,
    fulfilledUnits: 741,
    load: aLoad({ arrivalQps: 480 }),
    ...overrides,
  });

describe('decideGpuAlarm on a high-GPU-memory ALARM', () => {
  it('recommends the type with enough memory that serves the need for the least, and says INT8 would choose another', () => {
    // Prepare: 90% of 16 GiB = 14.4 GiB in use, 18 GiB with 20% headroom: T4 and V100 are out
    const input = memoryAlarm(seedFleet());

    // Act
    const decision = decideGpuAlarm(input);

    // Assess: FP16 600 units = one g6e.xlarge ($1.861/h); INT8 = two g6.xlarge ($1.61/h)
    const notice = decision.notices.find((n) => n.kind === 'memory-recommendation');
    expect(notice?.kind === 'memory-recommendation' && notice.recommendation.recommended).toMatchObject({ instanceType: 'g6e.xlarge', instances: 1 });
    expect(notice?.kind === 'memory-recommendation' && notice.recommendation.byPrecision.int8).toMatchObject({ instanceType: 'g6.xlarge', instances: 2 });
    expect(notice?.kind === 'memory-recommendation' && notice.recommendation.precisionChangesChoice).toBe(true);
    expect(notice?.kind === 'memory-recommendation' && notice.recommendation.current).toMatchObject({ instanceType: 'p3.2xlarge', instances: 3 });
    expect(decision.rebalance).toEqual({ reason: 'memory-pressure', fleetId: FLEET_ID, detail: expect.stringContaining('INT8 engines would change the choice to g6.xlarge x2'), minGpuMemoryGiB: 18 });
    expect(decision.actions).toEqual([]);
  });

  it('says the other precision would not change the choice when both pick the same type', () => {
    // Prepare: 160 QPS need 200 units, raised to the 247-unit minimum: one g6.xlarge at INT8 (355.9 QPS), two at FP16
    // (196.8 QPS each, $1.61/h, still below one g6e.xlarge at $1.86/h): both pick g6.xlarge
    const input = memoryAlarm(seedFleet(), { load: aLoad({ arrivalQps: 160 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    const notice = decision.notices.find((n) => n.kind === 'memory-recommendation');
    expect(notice?.kind === 'memory-recommendation' && notice.recommendation.recommended).toMatchObject({ instanceType: 'g6.xlarge', instances: 2 });
    expect(notice?.kind === 'memory-recommendation' && notice.recommendation.precisionChangesChoice).toBe(false);
    expect(decision.reasons[0]).toContain('INT8 engines would choose the same type');
  });

  it('doubles the memory need when an INT8 fleet looks at FP16 engines', () => {
    // Prepare: an INT8 fleet on g5.xlarge at 90% of 22.35 GiB: 25.1 GiB with headroom, 50.3 GiB at FP16
    const fleet = seedFleet({ model: { name: 'bert-large', precision: 'int8' }, capacityUnitsByType: { 'g5.xlarge': 306 } });
    const input = memoryAlarm(fleet, { targetUnits: 918, fulfilledUnits: 918 });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    const notice = decision.notices.find((n) => n.kind === 'memory-recommendation');
    const rec = notice?.kind === 'memory-recommendation' ? notice.recommendation : undefined;
    expect(rec?.neededGiB.int8).toBeCloseTo(25.14, 1);
    expect(rec?.neededGiB.fp16).toBeCloseTo(50.28, 1);
    expect(rec?.recommended?.instanceType).toBe('g6e.xlarge');
    expect(rec?.byPrecision.fp16?.gpuMemoryGiB).toBeGreaterThanOrEqual(50.28);
  });

  it('recommends nothing when compute is high too: that is a load problem', () => {
    // Prepare: 700 QPS on 741 units is 94% of capacity
    const input = memoryAlarm(seedFleet(), { load: aLoad({ arrivalQps: 700 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.notices).toEqual([]);
    expect(decision.rebalance).toBeUndefined();
    expect(decision.reasons[0]).toContain('compute is too');
  });

  it('sizes on the threshold when the event carries no datapoint', () => {
    // Prepare
    const input = memoryAlarm(seedFleet(), { signal: aGpuSignal({ kind: 'gpu-memory-high', value: undefined, threshold: 95 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess: 95% of 16 GiB = 15.2 GiB
    const notice = decision.notices.find((n) => n.kind === 'memory-recommendation');
    expect(notice?.kind === 'memory-recommendation' && notice.recommendation.usedGiB).toBeCloseTo(15.2, 5);
  });

  it('says it cannot size the memory without a datapoint or a threshold', () => {
    // Prepare
    const input = memoryAlarm(seedFleet(), { signal: aGpuSignal({ kind: 'gpu-memory-high', value: undefined, threshold: undefined }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.notices).toEqual([]);
    expect(decision.reasons[0]).toContain('cannot be sized');
  });

  it('does not trigger the rebalancer twice within the repeat interval', () => {
    // Prepare
    const memory = { ...aMemory(), rebalanceRequestedAtMs: { 'memory-pressure': NOW_MS - 30 * MINUTE_MS } };

    // Act
    const decision = decideGpuAlarm(memoryAlarm(seedFleet(), { memory }));

    // Assess
    expect(decision.rebalance).toBeUndefined();
    expect(decision.notices.filter((n) => n.kind === 'memory-recommendation')).toEqual([]);
    expect(decision.reasons[0]).toContain('the rebalancer was already asked');
  });

  it('never scales on a memory alarm', () => {
    // Prepare
    const input = memoryAlarm(seedFleet(), { load: aLoad({ arrivalQps: 10, oldestMessageAgeSeconds: 90, oldestMessageAgeEarlierSeconds: 1 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
  });
});

describe('gpuTypeOptionsFor', () => {
  it('gives each priced NVIDIA type its QPS at the SLO for both precisions', () => {
    // Act
    const options = gpuTypeOptionsFor(seedFleet());

    // Assess
    const g6 = options.find((o) => o.instanceType === 'g6.xlarge');
    expect(g6).toMatchObject({ gpuName: 'l4', gpuMemoryGiB: 22.35, usdPerHour: 0.8048 });
    expect(g6?.qpsAtSlo.fp16).toBeCloseTo(196.8, 1);
    expect(g6?.qpsAtSlo.int8).toBeCloseTo(355.9, 1);
    expect(options.some((o) => o.instanceType.startsWith('g4ad'))).toBe(false);
  });

  it('uses the fleet\'s own capacity for its types at its precision', () => {
    // Act
    const p3 = gpuTypeOptionsFor(seedFleet()).find((o) => o.instanceType === 'p3.2xlarge');

    // Assess
    expect(p3?.qpsAtSlo.fp16).toBe(247);
  });

  it('keeps only the fleet\'s own types for a model the catalog has no table for', () => {
    // Act
    const options = gpuTypeOptionsFor(seedFleet({ model: { name: 'llama-3-8b', precision: 'fp16' }, capacityUnitsByType: { 'g6e.xlarge': 40 } }));

    // Assess
    expect(options).toEqual([{ instanceType: 'g6e.xlarge', gpuName: 'l40s', gpuMemoryGiB: 44.7, usdPerHour: 1.861, qpsAtSlo: { fp16: 40 } }]);
  });
});
