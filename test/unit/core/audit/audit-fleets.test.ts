/** auditFleets by hand-computed examples: $ per 1k, idle periods, over-provisioning, on-demand share, ranked savings. */
import { describe, expect, it } from 'vitest';
import { auditFleets } from '../../../../layers/core/audit/audit-fleets';
import type { BillingRow, FleetUsage, TimedValue } from '../../../../layers/core/audit/audit-types';
import { idlePeriodsOf } from '../../../../layers/core/audit/idle-periods';
import type { FleetConfig } from '../../../../layers/core/fleet';

const DAY = Date.UTC(2026, 10, 28);
const HOUR = 3_600_000;
const fleet = (overrides: Partial<FleetConfig> = {}): FleetConfig => ({
  fleetId: 'fleet-a',
  name: 'bert-large-batch',
  tier: 'batch',
  model: { name: 'bert-large', precision: 'fp16' },
  sloP99Ms: 2000,
  queueUrls: ['https://sqs.us-east-1.amazonaws.com/123456789012/a'],
  capacityUnitsByType: { 'g5.xlarge': 100 },
  minCapacityUnits: 0,
  maxCapacityUnits: 1000,
  onDemandBaseUnits: 0,
  launchLeadTimeSeconds: 300,
  slackChannel: '#gpu',
  dryRun: false,
  rebalancePolicy: 'notify-only',
  drainTimeoutSeconds: 900,
  ...overrides,
});
const row = (usageType: string, usd: number, quantity: number, region = 'us-east-1'): BillingRow => ({ day: '2026-11-28', region, usageType, usd, quantity, estimated: false });
const hours = (valueAt: (h: number) => number): TimedValue[] => Array.from({ length: 24 }, (_, h) => ({ atMs: DAY + h * HOUR, value: valueAt(h) }));
const usage = (fleetId: string, requestsPerHour: number, util: (h: number) => number): FleetUsage => ({ fleetId, requestsByHour: hours(() => requestsPerHour), gpuUtilizationByHour: hours(util) });
const WINDOW = { region: 'us-east-1', startDay: '2026-11-28', endDay: '2026-11-29' };

describe('auditFleets', () => {
  // 4 on-demand g5.xlarge all day at $1/h: $96 for 96 instance-hours and 24,000 requests. GPUs at 2% from 00:00 to
  // 06:00 (6 idle hours, $4/h), 45% the other 18 hours against the batch tier's 90% target.
  const input = {
    ...WINDOW,
    fleets: [fleet()],
    billing: [row('BoxUsage:g5.xlarge', 96, 96), row('USE1-EBS:VolumeUsage.gp3', 5, 100)],
    usage: [usage('fleet-a', 1000, (h) => (h < 6 ? 2 : 45))],
  };

  it('gives the cost per 1,000 requests from the instance-hours rows only', () => {
    // Act
    const report = auditFleets(input);

    // Assess
    expect([report.fleets[0]?.costUsd, report.fleets[0]?.usdPer1kRequests, report.baselineUsdPer1kRequests]).toEqual([96, 4, 4]);
  });

  it('finds the night as one idle period and the day as over-provisioned', () => {
    // Act
    const [audit] = auditFleets(input).fleets;

    // Assess
    expect(audit?.idlePeriods).toEqual([{ startMs: DAY, endMs: DAY + 6 * HOUR, meanUtilizationPercent: 2 }]);
    expect([audit?.idleHours, audit?.busyGpuUtilizationPercent, audit?.targetUtilizationPercent, audit?.overProvisioned]).toEqual([6, 45, 90, true]);
  });

  it('stacks idle ($24), over-provisioning (half of $72) and Spot (59% of the $36 left), ranked by $ per 730-hour month', () => {
    // Act
    const report = auditFleets(input);

    // Assess
    expect(report.savings.map((s) => [s.rank, s.kind, s.usdPerMonth])).toEqual([
      [1, 'over-provisioning', 1095],
      [2, 'idle-capacity', 730],
      [3, 'on-demand-to-spot', 646.05],
    ]);
    expect(report.savings[0]?.feature).toMatch(/forecast-driven scaling/);
    expect(report.totalSavingsUsdPerMonth).toBe(2471.05);
  });

  it('keeps idle capacity the fleet must hold anyway out of the idle saving', () => {
    // Prepare: the minimum is 2 of the 4 instances.
    const withMinimum = { ...input, fleets: [fleet({ minCapacityUnits: 200 })] };

    // Act
    const idle = auditFleets(withMinimum).savings.find((s) => s.kind === 'idle-capacity');

    // Assess
    expect(idle?.usdPerMonth).toBe(365);
  });

  it('splits a type two fleets share by their requests that day, and leaves another Region outside the fleets', () => {
    // Prepare
    const second = fleet({ fleetId: 'fleet-b', name: 'reranker' });
    const shared = {
      ...input,
      fleets: [fleet(), second],
      billing: [row('BoxUsage:g5.xlarge', 96, 96), row('USW2-BoxUsage:p3.2xlarge', 73.44, 24, 'us-west-2')],
      usage: [usage('fleet-a', 3000, () => 50), usage('fleet-b', 1000, () => 50)],
    };

    // Act
    const report = auditFleets(shared);

    // Assess
    expect(report.fleets.map((f) => [f.fleetId, f.costUsd, f.sharedTypes])).toEqual([
      ['fleet-a', 72, ['g5.xlarge']],
      ['fleet-b', 24, ['g5.xlarge']],
    ]);
    expect(report.unmanaged).toEqual({ usd: 73.44, byInstanceType: [{ instanceType: 'p3.2xlarge', region: 'us-west-2', usd: 73.44 }] });
    expect(report.spend.byRegion).toEqual([
      { region: 'us-east-1', usd: 96 },
      { region: 'us-west-2', usd: 73.44 },
    ]);
  });

  it('finds nothing to save on a fleet on Spot at its target all day', () => {
    // Prepare
    const lean = { ...input, billing: [row('SpotUsage:g5.xlarge', 40, 96)], usage: [usage('fleet-a', 1000, () => 88)] };

    // Act
    const report = auditFleets(lean);

    // Assess
    expect([report.savings, report.fleets[0]?.onDemandShare, report.fleets[0]?.overProvisioned]).toEqual([[], 0, false]);
  });
});

describe('idlePeriodsOf', () => {
  it('needs the minimum run of idle hours, and an hour without data breaks a run', () => {
    // Prepare: idle at 0-1, busy at 2, idle at 3 alone, idle at 5-6 with hour 4 missing before them.
    const points = [0, 1, 2, 3, 5, 6].map((h) => ({ atMs: DAY + h * HOUR, value: h === 2 ? 50 : 1 }));

    // Act
    const periods = idlePeriodsOf(points, 10, 2);

    // Assess
    expect(periods.map((p) => [(p.startMs - DAY) / HOUR, (p.endMs - DAY) / HOUR])).toEqual([
      [0, 2],
      [5, 7],
    ]);
  });
});
