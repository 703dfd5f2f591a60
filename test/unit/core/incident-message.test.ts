// The incident's Slack message: examples for each state on-call meets, and a property over any incident.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderIncidentMessage, renderIncidentUpdate } from '../../../layers/core/incident-message';
import { SLACK_HEADER_TEXT_MAX, SLACK_MAX_BLOCKS, SLACK_MESSAGE_TEXT_MAX, SLACK_SECTION_TEXT_MAX } from '../../../layers/core/slack-limits';
import { anyIncident, makeIncident, WARNING_AT_MS } from '../../helpers/incident-fixtures';
import { allMrkdwn, contextTexts, headerText, isEscaped, sectionTexts } from '../../helpers/slack-message-parts';

const NOW_MS = WARNING_AT_MS + 33_000;
const CHANNEL = 'C0123456789';

describe('renderIncidentMessage', () => {
  it('says what happened, what was done and that on-call has nothing to do when all actions applied', () => {
    // Prepare
    const incident = makeIncident();

    // Act
    const message = renderIncidentMessage(incident, CHANNEL, NOW_MS);

    // Assess
    const [happened, done, advice] = sectionTexts(message);
    expect(message.channel).toBe(CHANNEL);
    expect(headerText(message)).toBe(':red_circle: Spot interruption: bert-large-search · i-0a1b2c3d4e5f60718');
    expect(happened).toContain('instance `i-0a1b2c3d4e5f60718`, g5.xlarge in us-east-1a, spot');
    expect(happened).toContain('Phase: *interruption warning (terminate)*');
    expect(happened).toMatch(/Deadline: <!date\^\d+\^\{time_secs\}\|03:14:00 UTC> \(in 87 s\)/);
    expect(happened).toContain("Capacity lost: *120 QPS*, 12.5% of the fleet's 960 QPS");
    expect(done).toContain('Surged target capacity 960 → 1080 QPS (+120)');
    expect(done).toContain('Asked the worker to drain');
    expect(advice).toBe('*What on-call should do*\nNothing to do: the autopilot is handling it.');
    expect(message.text).toContain('Actions: surge applied, drain applied.');
  });

  it('phrases a dry run as what the autopilot would have done', () => {
    // Prepare
    const base = makeIncident();
    const incident = makeIncident({
      dryRun: true,
      surge: base.surge && { ...base.surge, status: 'dry-run' },
      drain: base.drain && { ...base.drain, status: 'dry-run' },
    });

    // Act
    const message = renderIncidentMessage(incident, CHANNEL, NOW_MS);

    // Assess
    const [, done, advice] = sectionTexts(message);
    expect(headerText(message)).toContain('[dry run] Spot interruption');
    expect(done).toContain('*What the autopilot would have done* (dry run)');
    expect(done).toContain('Would have surged target capacity 960 → 1080 QPS (+120) _(dry run: nothing changed)_');
    expect(advice).toContain('Nothing to do: dry run');
  });

  it('asks on-call to check the fleet, with the escaped error, when the surge failed', () => {
    // Prepare
    const base = makeIncident();
    const error = 'InsufficientInstanceCapacity: no <g5.xlarge> & no <g5.2xlarge> in us-east-1a';
    const incident = makeIncident({ surge: base.surge && { ...base.surge, status: 'failed', error } });

    // Act
    const message = renderIncidentMessage(incident, CHANNEL, NOW_MS);

    // Assess
    const [, done, advice] = sectionTexts(message);
    expect(headerText(message).startsWith(':warning:')).toBe(true);
    expect(done).toContain('failed: InsufficientInstanceCapacity: no &lt;g5.xlarge&gt; &amp; no &lt;g5.2xlarge&gt;');
    expect(advice).toContain('*Check the fleet*');
    expect(advice).toContain('surge failed');
    expect(advice).toContain('may be short of 120 QPS');
  });

  it('says the kill switch is engaged when the guard blocked the actions for it', () => {
    // Prepare
    const base = makeIncident();
    const error = 'kill switch engaged';
    const incident = makeIncident({
      surge: base.surge && { ...base.surge, status: 'blocked', error },
      drain: base.drain && { ...base.drain, status: 'blocked', error },
    });

    // Act
    const [, done, advice] = sectionTexts(renderIncidentMessage(incident, CHANNEL, NOW_MS));

    // Assess
    expect(done).toContain(':no_entry: Surge of target capacity 960 → 1080 QPS (+120) blocked: kill switch engaged');
    expect(advice).toContain('*Kill switch engaged*: the autopilot changed nothing');
  });

  it('shows the undo and the outcome, without a countdown, once the incident is closed', () => {
    // Prepare
    const base = makeIncident();
    const incident = makeIncident({
      phase: 'closed',
      surge: base.surge && {
        ...base.surge,
        undone: { atMs: WARNING_AT_MS + 400_000, status: 'applied', fromTotal: 1080, toTotal: 960 },
      },
      outcome: { finalState: 'terminated', closedAtMs: WARNING_AT_MS + 125_000, lostUnits: 120, drainedBeforeDeadline: true },
    });

    // Act
    const message = renderIncidentMessage(incident, CHANNEL, WARNING_AT_MS + 500_000);

    // Assess
    const [happened, done, advice] = sectionTexts(message);
    expect(headerText(message)).toContain(':white_check_mark: Closed');
    expect(happened).toContain('Phase: *closed: instance terminated*');
    expect(happened).not.toMatch(/\(in \d+ s\)|s ago\)/);
    expect(happened).toContain('120 QPS left the fleet; drained before the deadline: yes');
    expect(done).toContain('↳ Undone: target capacity 1080 → 960 QPS');
    expect(advice).toContain('Nothing to do: this incident is over.');
  });

  it('tells on-call to set the target back when undoing the surge failed', () => {
    // Prepare
    const base = makeIncident();
    const incident = makeIncident({
      phase: 'stood-down',
      surge: base.surge && {
        ...base.surge,
        undone: { atMs: WARNING_AT_MS + 900_000, status: 'failed', fromTotal: 1080, toTotal: 960, error: 'ThrottlingException' },
      },
    });

    // Act
    const [, , advice] = sectionTexts(renderIncidentMessage(incident, CHANNEL, NOW_MS));

    // Assess
    expect(advice).toContain('surge undo failed');
    expect(advice).toContain('its target may still be 1080 QPS: set it back to 960 QPS');
  });

  it('shows the newest reasons and counts the earlier ones', () => {
    // Prepare
    const reasons = Array.from({ length: 8 }, (_, i) => `reason ${i + 1}`);

    // Act
    const why = sectionTexts(renderIncidentMessage(makeIncident({ reasons }), CHANNEL, NOW_MS))[3];

    // Assess
    expect(why).toBe('*Why*\n_(3 earlier)_\n• reason 4\n• reason 5\n• reason 6\n• reason 7\n• reason 8');
  });

  it('renders any incident within Slack limits, with every value escaped', () => {
    fc.assert(
      fc.property(anyIncident, fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (incident, now) => {
        // Act
        const message = renderIncidentMessage(incident, CHANNEL, now);

        // Assess
        expect(message.blocks?.length ?? 0).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
        expect(headerText(message).length).toBeLessThanOrEqual(SLACK_HEADER_TEXT_MAX);
        for (const text of [...sectionTexts(message), ...contextTexts(message)]) {
          expect(text.length).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
        }
        expect(message.text.length).toBeLessThanOrEqual(SLACK_MESSAGE_TEXT_MAX);
        expect(isEscaped(allMrkdwn(message))).toBe(true);
      }),
    );
  });
});

describe('renderIncidentUpdate', () => {
  it('writes one line per signal, flagging a late notice', () => {
    // Prepare
    const incident = makeIncident();
    const signal = {
      kind: 'spot-interruption-warning',
      eventId: 'e-2',
      emittedAtMs: WARNING_AT_MS,
      receivedAtMs: WARNING_AT_MS + 130_000,
      late: true,
    };

    // Act
    const line = renderIncidentUpdate(incident, signal);

    // Assess
    expect(line.channel).toBe('C0123456789');
    expect(line.blocks).toBeUndefined();
    expect(line.text).toMatch(/^Spot interruption warning received <!date\^\d+\^\{time_secs\}\|03:14:10 UTC> \(130 s after AWS sent it\)/);
    expect(line.text).toContain('*late*: after the deadline, recorded as missed, not acted on');
  });

  it('keeps any signal line within the message limit and escaped', () => {
    fc.assert(
      fc.property(anyIncident, (incident) => {
        for (const signal of incident.signals) {
          // Act
          const line = renderIncidentUpdate(incident, signal, CHANNEL);

          // Assess
          expect(line.text.length).toBeLessThanOrEqual(SLACK_MESSAGE_TEXT_MAX);
          expect(isEscaped(line.text)).toBe(true);
        }
      }),
    );
  });
});
