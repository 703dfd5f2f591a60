import { describe, expect, it } from 'vitest';
import { renderRebalanceNotice } from '../../../../layers/core/rebalancer/rebalance-notice';
import { emptyRebalanceState, planDue, replacementsInLastHour, type RebalanceState } from '../../../../layers/core/rebalancer/rebalance-state';
import { SLACK_HEADER_TEXT_MAX } from '../../../../layers/core/slack-limits';
import { NOW } from '../../../helpers/rebalance-factories';

const HOUR = 3_600_000;
const planned: RebalanceState = { ...emptyRebalanceState('fleet-1'), lastPlannedAtMs: NOW - 20 * 60_000 };
const due = (state = planned, requests: Parameters<typeof planDue>[1] = [], nowMs = NOW) => planDue(state, requests, nowMs, HOUR, 450_000);

describe('planDue', () => {
  it('plans a fleet never planned, and one whose interval is over (a few minutes early is on time)', () => {
    // Act
    const first = due(emptyRebalanceState('fleet-1'));
    const early = due(planned, [], NOW + 33 * 60_000);
    const notYet = due();
    // Assess
    expect(first).toEqual({ due: true, why: 'first plan of the fleet' });
    expect(early).toEqual({ due: true, why: '60-minute plan interval over' });
    expect(notYet).toEqual({ due: false, why: 'planned 20 min ago' });
  });

  it('plans at once for a request newer than the last plan, an incident waited for, or a replacement that ended', () => {
    // Prepare
    const request = { fleetId: 'fleet-1', reason: 'memory-pressure' as const, detail: 'GPU memory 92% used', requestedAtMs: NOW - 60_000, eventId: 'e' };
    // Act
    const requested = due(planned, [request, { ...request, requestedAtMs: NOW - HOUR }]);
    const older = due(planned, [{ ...request, requestedAtMs: NOW - HOUR }]);
    const incident = due({ ...planned, heldForIncident: true });
    const ended = due({ ...planned, replanAtMs: NOW });
    // Assess
    expect(requested).toEqual({ due: true, why: 'memory-pressure requested: GPU memory 92% used' });
    expect(older.due).toBe(false);
    expect([incident.due, ended.due]).toEqual([true, true]);
  });
});

describe('replacementsInLastHour', () => {
  it('counts the starts of the hour before now only', () => {
    // Act
    const count = replacementsInLastHour({ ...planned, replacementStartsMs: [NOW - 2 * HOUR, NOW - HOUR, NOW - HOUR + 1, NOW] }, NOW);
    // Assess
    expect(count).toBe(2);
  });
});

describe('renderRebalanceNotice', () => {
  it('escapes mrkdwn in the text and keeps the header within Slack\'s limit', () => {
    // Act
    const message = renderRebalanceNotice(
      { kind: 'plan', fleetName: `<!channel>${'x'.repeat(200)}`, verdict: 'dry-run', note: 'fleet dry-run', reason: 'a <b> & c', usdPerHourBefore: 15.3, usdPerHourAfter: 1.36, movesLeft: 4 },
      '#gpu-oncall',
    );
    // Assess
    expect(message.text).not.toContain('<!channel>');
    expect(message.text).toContain('a &lt;b&gt; &amp; c');
    const header = message.blocks?.[0] as unknown as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_HEADER_TEXT_MAX);
  });
});
