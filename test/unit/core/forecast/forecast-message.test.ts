// The forecast scaler's Slack notices: what each says, Slack's limits, and escaping of what users name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderForecastNotice, type ForecastNotice } from '../../../../layers/core/forecast/forecast-message';
import { SLACK_HEADER_TEXT_MAX, SLACK_MESSAGE_TEXT_MAX, SLACK_SECTION_TEXT_MAX } from '../../../../layers/core/slack-limits';
import { headerText, isEscaped, sectionTexts } from '../../../helpers/slack-message-parts';

const CHANNEL = '#gpu-autopilot';

const largeAction = (overrides: Partial<Extract<ForecastNotice, { kind: 'large-action' }>> = {}): ForecastNotice => ({
  kind: 'large-action',
  fleetName: 'bert-large-search',
  fromUnits: 1000,
  toUnits: 1800,
  verdict: 'execute',
  reason: 'scale-out 1000 -> 1800 units: the p95 forecast needs 1800 units within the 240 s launch lead',
  ...overrides,
});
const drift: ForecastNotice = { kind: 'drift', fleetName: 'bert-large-search', ratio: 1.8765, window: 12, model: 'double-seasonal-holt-winters' };
const missing: ForecastNotice = { kind: 'missing-history', fleetName: 'bert-large-search', model: 'none', note: 'no datapoint in 28 days of history', coverage: 0.123 };

/** Every limit Slack sets on the parts we render. */
const expectWithinLimits = (notice: ForecastNotice): void => {
  const message = renderForecastNotice(notice, CHANNEL);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_MESSAGE_TEXT_MAX);
  expect(headerText(message).length).toBeLessThanOrEqual(SLACK_HEADER_TEXT_MAX);
  sectionTexts(message).forEach((text) => expect(text.length).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX));
  expect(isEscaped(message.text)).toBe(true);
  sectionTexts(message).forEach((text) => expect(isEscaped(text)).toBe(true));
};

describe('renderForecastNotice', () => {
  it('heads a large scale-out with the fleet and the units, and gives the plan\'s reason', () => {
    // Act
    const message = renderForecastNotice(largeAction(), CHANNEL);

    // Assess
    expect(message.channel).toBe(CHANNEL);
    expect(headerText(message)).toBe('Scaling out bert-large-search: 1000 -> 1800 units');
    expect(sectionTexts(message)).toEqual(['scale-out 1000 -&gt; 1800 units: the p95 forecast needs 1800 units within the 240 s launch lead']);
    expect(message.text).toBe(`Scaling out bert-large-search: 1000 -&gt; 1800 units. ${sectionTexts(message)[0]}`);
  });

  it('says a scale-in that the guard did not execute was only a dry run or was blocked', () => {
    // Act
    const dryRun = renderForecastNotice(largeAction({ fromUnits: 2000, toUnits: 1500, verdict: 'dry-run' }), CHANNEL);
    const blocked = renderForecastNotice(largeAction({ verdict: 'blocked' }), CHANNEL);

    // Assess
    expect(headerText(dryRun)).toBe('Scaling in bert-large-search: 2000 -> 1500 units (dry-run)');
    expect(headerText(blocked)).toBe('Scaling out bert-large-search: 1000 -> 1800 units (blocked)');
  });

  it('gives the drift ratio against seasonal-naive, the window and the model', () => {
    // Act
    const message = renderForecastNotice(drift, CHANNEL);

    // Assess
    expect(headerText(message)).toBe('Forecast for bert-large-search is drifting: error 1.88x seasonal-naive');
    expect(sectionTexts(message)[0]).toMatch(/^Over the last 12 scored predictions the double-seasonal-holt-winters forecast erred 1\.88 times as much as repeating yesterday/);
  });

  it('says how much of the history is missing and that the fleet is sized on the observed load', () => {
    // Act
    const message = renderForecastNotice(missing, CHANNEL);

    // Assess
    expect(headerText(message)).toBe('Demand history of bert-large-search is missing or short');
    expect(sectionTexts(message)[0]).toMatch(/^no datapoint in 28 days of history\. Model: none; 12% of the history window has datapoints\. The fleet is sized on the observed load/);
  });

  it('escapes a fleet name in the mrkdwn texts, so it can neither ping the channel nor break a link, and keeps the header literal', () => {
    // Prepare
    const fleetName = '<!channel> R&D <https://evil.example|bert>';

    // Act
    const messages = [largeAction({ fleetName }), { ...drift, fleetName }, { ...missing, fleetName }].map((n) => renderForecastNotice(n, CHANNEL));

    // Assess
    messages.forEach((message) => {
      expect(isEscaped(message.text)).toBe(true);
      expect(message.text).toContain('&lt;!channel&gt; R&amp;D');
      expect(headerText(message)).toContain(fleetName);
    });
  });

  it('cuts a very long reason and fleet name to Slack\'s limits', () => {
    // Act, Assess
    expectWithinLimits(largeAction({ fleetName: 'f'.repeat(400), reason: 'x & y < z; '.repeat(2_000) }));
    expectWithinLimits({ ...missing, note: '<'.repeat(10_000) });
  });

  it('stays within Slack\'s limits and escaped for any names, notes and numbers (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '&', '<', '>', '|', '*', '\u{1F600}', 'é'), maxLength: 5_000 });
    const number = fc.oneof(fc.double(), fc.integer());
    const noticeArb: fc.Arbitrary<ForecastNotice> = fc.oneof(
      fc.record({ kind: fc.constant('large-action' as const), fleetName: text, fromUnits: number, toUnits: number, verdict: fc.constantFrom('execute', 'dry-run', 'blocked'), reason: text }),
      fc.record({ kind: fc.constant('drift' as const), fleetName: text, ratio: number, window: fc.nat(), model: text }),
      fc.record({ kind: fc.constant('missing-history' as const), fleetName: text, model: text, note: text, coverage: number }),
    );
    fc.assert(fc.property(noticeArb, expectWithinLimits), { numRuns: 300 });
  });
});
