/** The audit of a scripted month on the twins, its Cost Explorer cache, and the CLI that announces what it will pay. */
import { describe, expect, it } from 'vitest';
import { CachedCostExplorer, type CachedCostAnswer } from '../../../layers/adapters/cached-cost-explorer';
import { auditQueries, runAudit } from '../../../layers/app/run-audit';
import { InMemoryCostExplorer } from '../../../layers/twins/in-memory-cost-explorer';
import { InMemoryUsageMetrics } from '../../../layers/twins/in-memory-usage-metrics';
import { auditScenarioFleets, scriptAuditMonth } from '../../../sim/scenarios/audit-month';
import { parseAuditOptions } from '../../../cli/audit/audit-options';
import { announceRequests, runAuditCommand } from '../../../cli/audit/run-audit-command';

const END_DAY = '2026-11-29';
const month = () => {
  const costs = new InMemoryCostExplorer({ pageSize: 40, estimatedFromDay: '2026-11-28' });
  const usage = new InMemoryUsageMetrics();
  const fleets = auditScenarioFleets();
  scriptAuditMonth({ fleets, region: 'us-east-1', endDay: END_DAY, days: 30 }, costs, usage);
  return { costs, usage, fleets };
};
const memoryStore = () => {
  const stored = new Map<string, CachedCostAnswer>();
  return { stored, read: (key: string) => stored.get(key), write: (key: string, answer: CachedCostAnswer) => void stored.set(key, answer) };
};

describe('runAudit on a scripted month of twins', () => {
  it('ranks the static on-demand fleet’s idle nights, over-provisioning and on-demand share first, each with its feature', async () => {
    // Prepare
    const { costs, usage, fleets } = month();

    // Act
    const { report, costExplorerRequests } = await runAudit({ costs, usage }, { fleets, region: 'us-east-1', endDay: END_DAY, days: 30 });

    // Assess
    expect(report.savings.slice(0, 3).map((s) => [s.fleetName, s.kind])).toEqual([
      ['bert-large-prod', 'idle-capacity'],
      ['bert-large-prod', 'over-provisioning'],
      ['bert-large-prod', 'on-demand-to-spot'],
    ]);
    expect(report.savings.every((s, i) => s.rank === i + 1 && s.feature.length > 0 && (i === 0 || s.usdPerMonth <= (report.savings[i - 1]?.usdPerMonth ?? 0)))).toBe(true);
    expect(report.totalSavingsUsdPerMonth).toBeLessThan(report.spend.totalUsd * (730 / 720));
    expect(costExplorerRequests).toBe(costs.requests);
    expect(costExplorerRequests).toBeGreaterThan(1);
  });

  it('breaks the spend down by type, Region and each of the 30 days, and finds the forgotten instance outside the fleets', async () => {
    // Prepare
    const { costs, usage, fleets } = month();

    // Act
    const { report } = await runAudit({ costs, usage }, { fleets, region: 'us-east-1', endDay: END_DAY, days: 30 });

    // Assess
    expect(report.spend.byDay).toHaveLength(30);
    expect(report.spend.byInstanceType.map((t) => t.instanceType).sort()).toEqual(['g5.xlarge', 'g6.xlarge', 'p3.2xlarge']);
    // Ten days of one p3.2xlarge at $3.06/h.
    expect(report.unmanaged.byInstanceType.map((u) => [u.instanceType, u.region, Math.round(u.usd * 100) / 100])).toEqual([['p3.2xlarge', 'us-west-2', 734.4]]);
    expect(report.spend.estimatedDays).toEqual(['2026-11-28']);
    expect(report.fleets.map((f) => f.overProvisioned)).toEqual([true, true]);
  });

  it('fails with the twin’s retryable error when Cost Explorer throttles', async () => {
    // Prepare
    const { costs, usage, fleets } = month();
    costs.failNext('throttling');

    // Act
    const run = runAudit({ costs, usage }, { fleets, region: 'us-east-1', endDay: END_DAY, days: 30 });

    // Assess
    await expect(run).rejects.toMatchObject({ name: 'CostExplorerError', retryable: true });
  });
});

describe('CachedCostExplorer', () => {
  it('answers a final window again from the cache without a request', async () => {
    // Prepare
    const { costs } = month();
    let nowMs = Date.UTC(2026, 10, 30, 12);
    const cached = new CachedCostExplorer(costs, memoryStore(), { nowMs: () => nowMs });
    const [query] = auditQueries({ endDay: '2026-11-20', days: 10 });
    if (!query) throw new Error('no query');

    // Act
    const first = await cached.costAndUsage(query);
    nowMs += 30 * 86_400_000;
    const again = await cached.costAndUsage(query);

    // Assess
    expect([first.requests > 0, again.requests, again.groups]).toEqual([true, 0, first.groups]);
    expect(cached.isCached(query)).toBe(true);
  });

  it('fetches again a window with estimated days once its answer is six hours old', async () => {
    // Prepare
    const { costs } = month();
    let nowMs = Date.UTC(2026, 10, 29, 9);
    const cached = new CachedCostExplorer(costs, memoryStore(), { nowMs: () => nowMs });
    const [query] = auditQueries({ endDay: END_DAY, days: 30 });
    if (!query) throw new Error('no query');
    await cached.costAndUsage(query);

    // Act
    nowMs += 5 * 3_600_000;
    const soon = await cached.costAndUsage(query);
    nowMs += 2 * 3_600_000;
    const later = await cached.costAndUsage(query);

    // Assess
    expect([soon.requests, later.requests > 0]).toEqual([0, true]);
  });
});

describe('autopilot audit', () => {
  it('says how many requests it will make and what they cost before making them', () => {
    // Act
    const fresh = announceRequests(auditQueries({ endDay: END_DAY, days: 30 }), () => false, 20);
    const cached = announceRequests(auditQueries({ endDay: END_DAY, days: 30 }), () => true, 20);

    // Assess
    expect(fresh).toMatch(/1 query, 1 to fetch: at least 1 request \(\$0\.01\).*at most 20 \(\$0\.20\)/);
    expect(cached).toMatch(/all answered from the cache: no request, \$0\.00/);
  });

  it('audits the scripted month on twins and prints the report as JSON', async () => {
    // Prepare
    const out: string[] = [];
    const err: string[] = [];
    const options = parseAuditOptions(['--twins', '--json', '--until', END_DAY]);

    // Act
    const code = await runAuditCommand(options, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), nowMs: () => Date.UTC(2026, 10, 29, 9) });

    // Assess
    const report = JSON.parse(out.join('')) as { days: number; savings: unknown[] };
    expect([code, report.days, report.savings.length > 0]).toEqual([0, 30, true]);
    expect(err.join('')).toMatch(/Cost Explorer: \d+ requests? made \(\$0\.\d\d\) on the twin/);
  });

  it('refuses to run without a fleets file unless on twins', () => {
    // Act
    const parse = () => parseAuditOptions(['--days', '30']);

    // Assess
    expect(parse).toThrow(/--fleets FILE is required/);
  });
});
