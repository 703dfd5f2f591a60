// chargeback: a month's cost by team and cost center, its RFC 4180 CSV and its Slack summary.
import { describe, expect, it } from 'vitest';
import { chargeback } from '../../../../layers/core/cost/chargeback';
import { chargebackCsv, csvField } from '../../../../layers/core/cost/chargeback-csv';
import { chargebackMessage } from '../../../../layers/core/cost/chargeback-message';
import { SLACK_SECTION_TEXT_MAX } from '../../../../layers/core/slack-limits';
import { aFleetDay } from '../../../helpers/cost-report-factories';

const search = (day: string, usd: number, requests?: number) =>
  aFleetDay({ day, usd, savingsUsd: 2, team: 'search', costCenter: 'CC-1042', fleetName: 'bert-large-search', ...(requests === undefined ? { requests: undefined } : { requests }) });
const ads = (day: string, usd: number, requests: number) => aFleetDay({ day, usd, requests, savingsUsd: 1, team: 'ads, "growth"', costCenter: 'CC-7', fleetName: 'reranker' });

const DAYS = [
  search('2026-11-01', 100, 1_000_000),
  search('2026-11-02', 50),
  ads('2026-11-01', 30, 100_000),
  ads('2026-11-02', 30, 200_000),
  aFleetDay({ day: '2026-11-02', usd: 5, requests: 10_000, savingsUsd: 0, fleetName: 'scratch' }),
  search('2026-10-31', 999, 1),
];

describe('chargeback', () => {
  it('attributes each fleet-day of the month to its team and cost center, most expensive first', () => {
    // Act
    const table = chargeback('2026-11', DAYS);

    // Assess
    expect(table.rows.map((r) => [r.team, r.costCenter, r.fleets, r.usd, r.requests, r.savingsUsd, r.fleetDays])).toEqual([
      ['search', 'CC-1042', ['bert-large-search'], 150, 1_000_000, 4, 2],
      ['ads, "growth"', 'CC-7', ['reranker'], 60, 300_000, 2, 2],
      ['unassigned', 'unassigned', ['scratch'], 5, 10_000, 0, 1],
    ]);
  });

  it('prices $ per 1k on the fleet-days that have requests only', () => {
    // Act
    const table = chargeback('2026-11', DAYS);

    // Assess: search: $100 / 1,000,000 x 1000 (the $50 day had no request data); ads: 60 / 300,000 x 1000
    expect(table.rows[0]?.usdPer1kRequests).toBeCloseTo(0.1, 12);
    expect(table.rows[1]?.usdPer1kRequests).toBeCloseTo(0.2, 12);
    expect(table.total).toMatchObject({ usd: 215, requests: 1_310_000, savingsUsd: 6, fleetDays: 5 });
    expect(table.total.usdPer1kRequests).toBeCloseTo((165 / 1_310_000) * 1000, 12);
  });

  it('writes RFC 4180 CSV: CRLF line ends, fields with commas or quotes quoted, quotes doubled, unknowns empty', () => {
    // Act
    const csv = chargebackCsv(chargeback('2026-11', [search('2026-11-02', 50), ...DAYS.slice(2, 4)]));

    // Assess
    expect(csv).toBe(
      'month,team,cost_center,fleets,usd,requests,usd_per_1k_requests,savings_usd,fleet_days\r\n' +
        '2026-11,"ads, ""growth""",CC-7,reranker,60.00,300000,0.200000,2.00,2\r\n' +
        '2026-11,search,CC-1042,bert-large-search,50.00,,,2.00,1\r\n' +
        '2026-11,TOTAL,,,110.00,300000,0.200000,4.00,3\r\n',
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
  ])('quotes %j as %j', (value, expected) => {
    // Act + Assess
    expect(csvField(value)).toBe(expected);
  });

  it('summarizes the month in Slack with every team, escaping names, within the section limit', () => {
    // Prepare
    const many = Array.from({ length: 200 }, (_, i) => aFleetDay({ day: '2026-11-03', team: `team-${i}`, fleetName: `<fleet-${i}>` }));

    // Act
    const message = chargebackMessage('#finops', chargeback('2026-11', [...DAYS, ...many]));

    // Assess
    const [header, summary, rows] = message.blocks ?? [];
    expect(header).toMatchObject({ type: 'header', text: { text: 'Chargeback 2026-11' } });
    expect(JSON.stringify(summary)).toContain('saved $');
    const rowsText = (rows?.text as { text: string }).text;
    expect(rowsText.length).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
    expect(rowsText).toContain('&lt;fleet-0&gt;');
    expect(rowsText).not.toContain('<fleet-0>');
  });
});
