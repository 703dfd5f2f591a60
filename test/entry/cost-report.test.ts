// The cost-report function through makeCostReportHandler on twins: a fleet's day, its metrics, one digest, the month's chargeback.
import type { Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeCostReportHandler, type CostReportResult } from '../../functions/cost-report/make-handler';
import { forecastActionsKey } from '../../layers/app/apply-capacity-change';
import type { CostReportDeps } from '../../layers/app/run-cost-report';
import type { CostAnomaly } from '../../layers/core/cost/cost-anomaly';
import { InMemoryCostLedger } from '../../layers/twins/in-memory-cost-ledger';
import { InMemoryLedger } from '../../layers/twins/in-memory-ledger';
import { InMemoryMetricPublisher } from '../../layers/twins/in-memory-metric-publisher';
import { InMemoryNotifier } from '../../layers/twins/in-memory-notifier';
import { InMemoryUsageMetrics } from '../../layers/twins/in-memory-usage-metrics';
import { ManualClock } from '../../layers/twins/manual-clock';
import { RecordingLogger } from '../../layers/twins/recording-logger';
import { silentLogger } from '../../sim/silent-logger';
import { DAY0, DAY_MS, g5Spot, g6OnDemand, HOUR_MS, hourlySamples } from '../helpers/cost-report-factories';
import { aFleet } from '../helpers/spot-factories';

const FLEET = aFleet({ team: 'search', costCenter: 'CC-1042', sloP99Ms: 50 });
const QUEUE = FLEET.queueUrls[0] as string;
const context = { awsRequestId: 'test', functionName: 'cost-report', getRemainingTimeInMillis: () => 300_000 } as unknown as Context;
/** The daily rule at 00:15 UTC on 2026-11-29 (today). */
const scheduled = (time: string) => ({ version: '0', id: `rule-${time}`, 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time, region: 'us-east-1', resources: [], detail: {} });

describe('cost-report function', () => {
  let costs: InMemoryCostLedger;
  let ledger: InMemoryLedger;
  let usage: InMemoryUsageMetrics;
  let publisher: InMemoryMetricPublisher;
  let notifier: InMemoryNotifier;
  let clock: ManualClock;
  let handle: (event: unknown) => Promise<CostReportResult>;

  beforeEach(async () => {
    // Prepare: 28 Nov: 3 Spot g5 ($0.40) + 1 on-demand g6 ($0.805) all day = $48.12; 481,200 requests; an idle night
    clock = new ManualClock(DAY0 + DAY_MS + 15 * 60_000);
    costs = new InMemoryCostLedger();
    ledger = new InMemoryLedger();
    usage = new InMemoryUsageMetrics();
    publisher = new InMemoryMetricPublisher(clock);
    notifier = new InMemoryNotifier();
    for (const sample of hourlySamples(FLEET.fleetId, DAY0, [g5Spot(3), g6OnDemand(1)])) await costs.saveCostSample(sample);
    for (let h = 0; h < 24; h += 1) {
      usage.recordServed(QUEUE, DAY0 + h * HOUR_MS + 60_000, 20_050);
      usage.recordGpuUtilization(FLEET.fleetId, DAY0 + h * HOUR_MS, h < 4 ? 5 : 70);
      usage.recordLatency(QUEUE, DAY0 + h * HOUR_MS, h === 0 ? [30, 80] : [30, 40]);
    }
    await ledger.recordInterruption('g5.xlarge:us-east-1a:spot', 'i-0a1b2c3d4e5f60718', DAY0 + 9 * HOUR_MS);
    await ledger.recordInterruption('g5.xlarge:us-east-1a:spot', 'i-0a1b2c3d4e5f60719', DAY0 + DAY_MS + 60_000);
    const deps: CostReportDeps = {
      fleets: [FLEET],
      costs,
      ledger,
      usage,
      publisher,
      notifier,
      logger: new RecordingLogger(),
      clock,
      config: { channel: '#gpu-costs', requestsSource: 'agent-served', idleThresholdPercent: 10, gpuPeriodSeconds: 3600 },
    };
    const handler = makeCostReportHandler(deps, silentLogger());
    handle = (event) => handler(event, context) as Promise<CostReportResult>;
  });

  it("reports yesterday on the daily schedule: cost, $ per 1k, idle GPU-hours, interruptions, SLO, as metrics and one digest", async () => {
    // Act
    const result = await handle(scheduled('2026-11-29T00:15:00Z'));

    // Assess
    expect(result).toMatchObject({ kind: 'day', day: '2026-11-28', fleets: 1, failed: [], posted: true });
    const metric = (name: string) => publisher.published({ name, dimensions: { Fleet: FLEET.name } }).map((d) => [d.timestampMs, d.value]);
    expect(metric('DailyCostUsd')[0]?.[1]).toBeCloseTo(48.12, 10);
    expect(metric('CostPer1kRequestsUsd')[0]?.[1]).toBeCloseTo(0.1, 10);
    expect(metric('IdleGpuHours')).toEqual([[DAY0, 16]]);
    expect(metric('Interruptions')).toEqual([[DAY0, 1]]);
    expect(metric('SloAttainmentPercent')[0]?.[1]).toBeCloseTo((47 / 48) * 100, 10);
    expect(metric('SpotSharePercent')).toEqual([[DAY0, 75]]);
    const [digest] = notifier.channelMessages('#gpu-costs');
    expect(digest?.text).toContain('Cost report 2026-11-28: 1 fleets cost $48.12');
    expect(JSON.stringify(digest?.blocks)).toContain('$0.1000 per 1k requests (481,200 requests)');
  });

  it('posts the digest once when the report runs again for the same day, on demand', async () => {
    // Prepare
    await handle(scheduled('2026-11-29T00:15:00Z'));

    // Act
    const again = await handle({ day: '2026-11-28' });

    // Assess
    expect(again).toMatchObject({ kind: 'day', posted: false });
    expect(notifier.channelMessages('#gpu-costs')).toHaveLength(1);
  });

  it('throws a retryable error and posts nothing when CloudWatch throttles, so the retry reports it whole', async () => {
    // Prepare
    usage.failNext('throttling');

    // Act
    const run = handle(scheduled('2026-11-29T00:15:00Z'));

    // Assess
    await expect(run).rejects.toMatchObject({ retryable: true });
    expect(notifier.channelMessages('#gpu-costs')).toEqual([]);
    expect(publisher.published()).toEqual([]);
  });

  it('answers an on-demand month with the chargeback CSV and one Slack summary', async () => {
    // Act
    const result = await handle({ month: '2026-11' });

    // Assess: 28 days up to today's midnight; only the 28th has samples
    expect(result).toMatchObject({ kind: 'month', month: '2026-11', rows: 1, posted: true });
    if (result.kind !== 'month') return;
    expect(result.usd).toBeCloseTo(48.12, 10);
    expect(result.csv.split('\r\n')[1]).toBe('2026-11,search,CC-1042,bert-large-search,48.12,481200,0.100000,0.00,28');
    expect(notifier.channelMessages('#gpu-costs')[0]?.text).toContain('Chargeback 2026-11');
  });

  it('posts the chargeback CSV as a code block after the summary when the daily run closes the month', async () => {
    // Prepare: the run of 1 December reports 30 November
    clock.set(Date.UTC(2026, 11, 1, 0, 15));

    // Act
    await handle(scheduled('2026-12-01T00:15:00Z'));

    // Assess
    const texts = notifier.channelMessages('#gpu-costs').map((m) => m.text);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toContain('Chargeback 2026-11');
    expect(texts[2]).toMatch(/^Chargeback 2026-11 \(CSV\)\n```month,team,cost_center,.*\n2026-11,search,CC-1042,bert-large-search,48\.12,481200,0\.100000,0\.00,30\n2026-11,TOTAL,.*```$/s);
  });

  it('counts the saving of a scale-in made the evening before, all day', async () => {
    // Prepare: the forecast scaler took 1 of the 4 instances' worth of units away at 23:00 on the 27th, and kept it off
    await ledger.recordAction({
      incidentId: forecastActionsKey(FLEET.fleetId, DAY0 - HOUR_MS), idempotencyKey: 'forecast#run-2300#applied', type: 'modify-fleet-capacity', fleetId: FLEET.fleetId,
      reason: 'night', before: { totalTargetCapacity: 500 }, after: { totalTargetCapacity: 400, purpose: 'scale-in' }, status: 'applied', atMs: DAY0 - HOUR_MS,
    });

    // Act
    await handle(scheduled('2026-11-29T00:15:00Z'));

    // Assess
    const [saved] = publisher.published({ name: 'AutopilotSavingsUsd', dimensions: { Fleet: FLEET.name } });
    expect(saved?.value).toBeGreaterThan(0);
  });

  it('counts a remediation of a cost incident opened twenty days before the day', async () => {
    // Prepare: $10/h -> $6/h at 20:00 on the 28th, for an anomaly first raised on the 8th
    const openedAtMs = DAY0 - 20 * DAY_MS;
    const anomaly: CostAnomaly = {
      anomalyId: 'a-16', via: 'eventbridge', accountId: '123456789012', startMs: openedAtMs, score: { current: 80, max: 80 },
      impact: { maxImpactUsd: 40, totalImpactUsd: 500, totalActualSpendUsd: 900, totalExpectedSpendUsd: 400 }, rootCauses: [{ usageType: 'SpotUsage:g5.xlarge' }], receivedAtMs: openedAtMs,
    };
    await costs.saveCostIncident({
      anomalyId: 'a-16', version: 1, anomaly, fleetIds: [FLEET.fleetId], openedAtMs, updatedAtMs: DAY0 + 20 * HOUR_MS, impactUsd: 500, status: 'open',
      remediations: [{ fleetId: FLEET.fleetId, kind: 'scale-to-need', outcome: 'executed', reason: 'to need', usdPerHourBefore: 10, usdPerHourAfter: 6, atMs: DAY0 + 20 * HOUR_MS }],
    });

    // Act
    await handle(scheduled('2026-11-29T00:15:00Z'));

    // Assess: $4/h for the day's last 4 hours
    expect(publisher.published({ name: 'AutopilotSavingsUsd', dimensions: { Fleet: FLEET.name } })[0]?.value).toBeCloseTo(16, 9);
  });

  it('rejects a malformed invocation without retry', async () => {
    // Act + Assess
    await expect(handle({ day: 'yesterday' })).rejects.toMatchObject({ name: 'EventParseError', retryable: false });
  });
});
