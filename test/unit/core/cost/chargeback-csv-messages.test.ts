// chargebackCsvMessages: the month's CSV as Slack code blocks within the message text limit.
import { describe, expect, it } from 'vitest';
import { chargebackCsvMessages } from '../../../../layers/core/cost/chargeback-csv-messages';
import { SLACK_MESSAGE_TEXT_MAX } from '../../../../layers/core/slack-limits';

const HEADER = 'month,team,cost_center,fleets,usd,requests,usd_per_1k_requests,savings_usd,fleet_days';
const rowOf = (i: number): string => `2026-11,team-${String(i).padStart(3, '0')},CC-${1000 + i},bert-large-${i},1234.50,481200,0.100000,12.00,30`;
const csvOf = (lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');
const body = (text: string): string => text.slice(text.indexOf('```') + 3, -3);

describe('chargebackCsvMessages', () => {
  it('puts a small CSV in one code block after a title line', () => {
    // Act
    const messages = chargebackCsvMessages('#gpu-costs', '2026-11', csvOf([HEADER, rowOf(1)]));

    // Assess
    expect(messages).toEqual([{ channel: '#gpu-costs', text: `Chargeback 2026-11 (CSV)\n\`\`\`${HEADER}\n${rowOf(1)}\`\`\`` }]);
  });

  it('splits 200 teams into parts within the text limit, whole lines, in order', () => {
    // Prepare: about 16,000 characters
    const lines = [HEADER, ...Array.from({ length: 200 }, (_, i) => rowOf(i))];

    // Act
    const messages = chargebackCsvMessages('#gpu-costs', '2026-11', csvOf(lines));

    // Assess
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(SLACK_MESSAGE_TEXT_MAX);
    expect(messages[1]?.text).toMatch(new RegExp(`^Chargeback 2026-11 \\(CSV, part 2 of ${messages.length}\\)\\n\`\`\`2026-11,`));
    expect(messages.flatMap((m) => body(m.text).split('\n'))).toEqual(lines);
  });

  it('escapes what Slack reads as control characters in a team name', () => {
    // Act
    const [message] = chargebackCsvMessages('#gpu-costs', '2026-11', csvOf([HEADER, '2026-11,R&D <ml>,CC-1,x,1.00,,,0.00,1']));

    // Assess
    expect(message?.text).toContain('2026-11,R&amp;D &lt;ml&gt;,CC-1');
  });
});
