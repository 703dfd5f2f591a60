/** A model of AWS Cost Anomaly Detection for the simulator: three runs a day over lagging, day-granular billing data. */

export interface AwsLikeDetectorSettings {
  /** UTC hours at which it runs: "about three times a day". */
  runHoursUtc: readonly number[];
  /** How far billing data trails usage at a run, hours. */
  billingLagHours: number;
  /** The subscription's ANOMALY_TOTAL_IMPACT_ABSOLUTE threshold, $: an alert is sent once the impact reaches it. */
  thresholdUsd: number;
}

/**
 * Generous to AWS on purpose: an 8-hour billing lag (AWS says up to 24 h) and the partial current day counted; the
 * real service also needs the day's data to look anomalous against its learned history, which this skips.
 */
export const DEFAULT_AWS_LIKE_DETECTOR: AwsLikeDetectorSettings = { runHoursUtc: [2, 10, 18], billingLagHours: 8, thresholdUsd: 25 };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const dayOf = (ms: number): string => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** What the detector saw at one run: the alert to send, shaped as the EventBridge "Anomaly Detected" detail needs. */
export interface AwsLikeAlert {
  atMs: number;
  anomalyStartDay: string;
  anomalyEndDay: string;
  actualUsd: number;
  expectedUsd: number;
  impactUsd: number;
  /** $ above the learned rate per usage type (`SpotUsage:g5.xlarge`), largest first. */
  byUsageType: { usageType: string; impactUsd: number }[];
}

/**
 * Fed one spend reading per simulated minute (by usage type), it learns the normal spend rate per usage type from the
 * readings before `learnUntilMs`, and at each run compares what billing shows (usage up to run - lag, whole UTC days
 * from the first day above normal) with that rate over the same minutes.
 */
export class AwsLikeCostDetector {
  private minutes: { atMs: number; byUsage: Map<string, number> }[] = [];
  private normal = new Map<string, number>();
  private learned = false;
  private lastRunHourMs = -Infinity;

  constructor(
    private readonly settings: AwsLikeDetectorSettings,
    private readonly learnUntilMs: number,
  ) {}

  /** The spend rate of each usage type during the minute starting at `atMs`, $/hour. */
  record(atMs: number, usdPerHourByUsage: ReadonlyMap<string, number>): void {
    this.minutes.push({ atMs, byUsage: new Map(usdPerHourByUsage) });
  }

  /** The alert of the run due at `nowMs`, if a run is due and the impact reached the threshold. */
  run(nowMs: number): AwsLikeAlert | undefined {
    const hourMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
    const due = this.settings.runHoursUtc.includes(new Date(hourMs).getUTCHours()) && hourMs > this.lastRunHourMs;
    if (!due) return undefined;
    this.lastRunHourMs = hourMs;
    this.learn();
    const visible = this.minutes.filter((m) => m.atMs >= this.learnUntilMs && m.atMs + 60_000 <= nowMs - this.settings.billingLagHours * HOUR_MS);
    const excess = new Map<string, number>();
    let actualUsd = 0;
    let expectedUsd = 0;
    for (const m of visible) {
      for (const usage of new Set([...m.byUsage.keys(), ...this.normal.keys()])) {
        const actual = (m.byUsage.get(usage) ?? 0) / 60;
        const expected = (this.normal.get(usage) ?? 0) / 60;
        actualUsd += actual;
        expectedUsd += expected;
        excess.set(usage, (excess.get(usage) ?? 0) + actual - expected);
      }
    }
    const impactUsd = actualUsd - expectedUsd;
    const first = visible.find((m) => [...m.byUsage.entries()].some(([u, v]) => v > (this.normal.get(u) ?? 0) + 1e-9));
    const last = visible.at(-1);
    if (!(impactUsd >= this.settings.thresholdUsd) || first === undefined || last === undefined) return undefined;
    return {
      atMs: nowMs,
      anomalyStartDay: dayOf(first.atMs),
      anomalyEndDay: dayOf(last.atMs),
      actualUsd,
      expectedUsd,
      impactUsd,
      byUsageType: [...excess.entries()].filter(([, usd]) => usd > 0).map(([usageType, usd]) => ({ usageType, impactUsd: usd })).sort((a, b) => b.impactUsd - a.impactUsd),
    };
  }

  private learn(): void {
    if (this.learned) return;
    this.learned = true;
    const history = this.minutes.filter((m) => m.atMs < this.learnUntilMs);
    for (const m of history) for (const [usage, usd] of m.byUsage) this.normal.set(usage, (this.normal.get(usage) ?? 0) + usd / history.length);
  }
}

/** The EventBridge event AWS sends for an alert (source `aws.ce`, detail-type `Anomaly Detected`), one id per anomaly. */
export const anomalyDetectedEvent = (alert: AwsLikeAlert, ids: { anomalyId: string; account: string; monitorArn: string; n: number }) => ({
  version: '0',
  id: `00000000-0000-4000-9000-${ids.n.toString(16).padStart(12, '0')}`,
  source: 'aws.ce',
  'detail-type': 'Anomaly Detected',
  account: ids.account,
  region: 'us-east-1',
  time: `${new Date(alert.atMs).toISOString().slice(0, 19)}Z`,
  resources: [ids.monitorArn],
  detail: {
    anomalyId: ids.anomalyId,
    accountId: ids.account,
    monitorArn: ids.monitorArn,
    anomalyStartDate: `${alert.anomalyStartDay}T00:00:00Z`,
    anomalyEndDate: `${alert.anomalyEndDay}T00:00:00Z`,
    anomalyScore: { currentScore: 0.8, maxScore: 0.8 },
    dimensionValue: 'Amazon Elastic Compute Cloud - Compute',
    impact: {
      maxImpact: Math.round(alert.impactUsd * 100) / 100,
      totalActualSpend: Math.round(alert.actualUsd * 100) / 100,
      totalExpectedSpend: Math.round(alert.expectedUsd * 100) / 100,
      totalImpact: Math.round(alert.impactUsd * 100) / 100,
      totalImpactPercentage: Math.round((10_000 * alert.impactUsd) / alert.expectedUsd) / 100,
    },
    rootCauses: alert.byUsageType.map((u) => ({
      linkedAccount: ids.account,
      region: 'us-east-1',
      service: 'Amazon Elastic Compute Cloud - Compute',
      usageType: u.usageType,
      impact: { contribution: Math.round(u.impactUsd * 100) / 100 },
    })),
  },
});
