// Forecast notices: one Slack message per episode (missing history, drift), every large action, and delivery retried next run.
import { describe, expect, it } from 'vitest';
import { deliverNotices, noticesOwed, presentShareOf, type NoticeInput } from '../../../layers/app/forecast-notices';
import type { ForecastNotice } from '../../../layers/core/forecast/forecast-message';
import { defaultForecastSettings } from '../../../layers/core/forecast/forecast-settings';
import { emptyForecastState, type ForecastState } from '../../../layers/core/forecast/forecast-state';
import { InMemoryNotifier } from '../../../layers/twins/in-memory-notifier';
import { RecordingLogger } from '../../../layers/twins/recording-logger';
import { aForecast, flat, noForecast } from '../../helpers/capacity-plan-factories';
import { headerText } from '../../helpers/slack-message-parts';
import { aFleet, FLEET_ID, T0_MS } from '../../helpers/spot-factories';

const HOUR_MS = 3_600_000;
const CHANNEL = aFleet().slackChannel;

const input = (overrides: Partial<NoticeInput> = {}): NoticeInput => ({
  fleet: aFleet(),
  settings: defaultForecastSettings('critical'),
  nowMs: T0_MS,
  forecast: aForecast(flat(1000)),
  presentShare: 1,
  drift: undefined,
  ...overrides,
});

/** Runs the episode logic over successive runs, 5 minutes apart, returning the kinds owed at each. */
const kindsOverRuns = (inputs: Partial<NoticeInput>[]): ForecastNotice['kind'][][] => {
  let state: ForecastState = emptyForecastState(FLEET_ID);
  return inputs.map((overrides, i) => {
    const owed = noticesOwed(state, input({ nowMs: T0_MS + i * 300_000, ...overrides }));
    state = owed.state;
    return owed.notices.map((n) => n.kind);
  });
};

const world = () => ({ notifier: new InMemoryNotifier(), logger: new RecordingLogger() });
const notice = (n: number): ForecastNotice => ({ kind: 'large-action', fleetName: 'bert-large-search', fromUnits: n, toUnits: 2 * n, verdict: 'execute', reason: `run ${n}` });

describe('noticesOwed', () => {
  it('owes nothing on a healthy run', () => {
    expect(noticesOwed(emptyForecastState(FLEET_ID), input())).toEqual({ notices: [], state: emptyForecastState(FLEET_ID) });
  });

  it('tells a missing history once per episode, and again once it came back and went missing again', () => {
    // Act
    const kinds = kindsOverRuns([
      { forecast: noForecast() },
      { forecast: noForecast() },
      { forecast: aForecast(flat(1000)) },
      { forecast: aForecast(flat(1000)), presentShare: 0.5 },
    ]);

    // Assess
    expect(kinds).toEqual([['missing-history'], [], [], ['missing-history']]);
  });

  it('does not call the history of a fleet younger than the window missing when it has no gaps', () => {
    expect(kindsOverRuns([{ forecast: aForecast(flat(1000), 0, { coverage: 0.6 }), presentShare: 1 }])).toEqual([[]]);
  });

  it('counts a flat model (under a day of history) as a missing history', () => {
    expect(kindsOverRuns([{ forecast: aForecast(flat(10), 0, { model: 'flat', note: '6 hours of history' }) }])).toEqual([['missing-history']]);
  });

  it('reminds of a history still missing after a day, not before', () => {
    // Prepare
    const first = noticesOwed(emptyForecastState(FLEET_ID), input({ forecast: noForecast() }));

    // Act
    const beforeADay = noticesOwed(first.state, input({ forecast: noForecast(), nowMs: T0_MS + 24 * HOUR_MS - 1 }));
    const afterADay = noticesOwed(first.state, input({ forecast: noForecast(), nowMs: T0_MS + 24 * HOUR_MS }));

    // Assess
    expect(beforeADay.notices).toEqual([]);
    expect(afterADay.notices.map((n) => n.kind)).toEqual(['missing-history']);
    expect(afterADay.state.missingHistoryAlertedAtMs).toBe(T0_MS + 24 * HOUR_MS);
  });

  it('tells a drift above the threshold once, and again only after it ended', () => {
    // Act: the critical tier's threshold is 1.5
    const kinds = kindsOverRuns([{ drift: 1.4 }, { drift: 1.6 }, { drift: 2.5 }, { drift: 1.2 }, { drift: 1.7 }]);

    // Assess
    expect(kinds).toEqual([[], ['drift'], [], [], ['drift']]);
  });

  it('says what drifts: the ratio, the window and the model', () => {
    // Act
    const { notices } = noticesOwed(emptyForecastState(FLEET_ID), input({ drift: 2 }));

    // Assess
    expect(notices).toEqual([{ kind: 'drift', fleetName: 'bert-large-search', ratio: 2, window: 12, model: 'double-seasonal-holt-winters' }]);
  });

  it('tells every large action, with its verdict and reason', () => {
    // Prepare
    const largeAction = { fromUnits: 1000, toUnits: 2000, verdict: 'execute', reason: 'scale-out 1000 -> 2000 units' };

    // Act
    const kinds = kindsOverRuns([{ largeAction }, { largeAction }]);

    // Assess
    expect(kinds).toEqual([['large-action'], ['large-action']]);
  });

  it('tells a large action the guard held (dry-run, kill switch) once per episode, not at every run that asks again', () => {
    // Prepare
    const held = { fromUnits: 1000, toUnits: 2000, verdict: 'dry-run', reason: 'scale-out 1000 -> 2000 units' };
    const blocked = { ...held, verdict: 'blocked' };

    // Act
    const kinds = kindsOverRuns([{ largeAction: held }, { largeAction: held }, { largeAction: blocked }, {}, { largeAction: held }]);

    // Assess
    expect(kinds).toEqual([['large-action'], [], [], [], ['large-action']]);
  });

  it('keeps the undelivered messages of the state untouched', () => {
    // Prepare
    const state = { ...emptyForecastState(FLEET_ID), unsent: [{ channel: CHANNEL, text: 'earlier' }] };

    // Act
    const owed = noticesOwed(state, input({ forecast: noForecast() }));

    // Assess
    expect(owed.state.unsent).toEqual([{ channel: CHANNEL, text: 'earlier' }]);
  });
});

describe('presentShareOf', () => {
  const series = (values: (number | undefined)[]) => ({ startMs: T0_MS, stepSeconds: 300, values });

  it('counts the steps with a datapoint from the first one on', () => {
    expect(presentShareOf(series([undefined, undefined, 5, undefined, 7, 8]))).toBe(3 / 4);
  });

  it('is 0 for a history without any datapoint', () => {
    expect(presentShareOf(series([undefined, undefined]))).toBe(0);
    expect(presentShareOf(series([]))).toBe(0);
  });
});

describe('deliverNotices', () => {
  it('posts each notice to the fleet\'s channel and leaves nothing unsent', async () => {
    // Prepare
    const deps = world();

    // Act
    const state = await deliverNotices(deps, aFleet(), emptyForecastState(FLEET_ID), [notice(1), notice(2)]);

    // Assess
    expect(deps.notifier.channelMessages(CHANNEL).map((m) => m.text)).toEqual([expect.stringMatching(/^Scaling out bert-large-search: 1 -&gt; 2/), expect.stringMatching(/: 2 -&gt; 4/)]);
    expect(state.unsent).toBeUndefined();
  });

  it('keeps a message Slack rate-limited and sends it first at the next run', async () => {
    // Prepare
    const deps = world();
    deps.notifier.failNext('ratelimited', true);

    // Act
    const afterFailure = await deliverNotices(deps, aFleet(), emptyForecastState(FLEET_ID), [notice(1)]);
    const nextRun = await deliverNotices(deps, aFleet(), afterFailure, [notice(2)]);

    // Assess
    expect(afterFailure.unsent?.map((m) => headerText(m))).toEqual(['Scaling out bert-large-search: 1 -> 2 units']);
    expect(deps.notifier.channelMessages(CHANNEL).map((m) => headerText(m))).toEqual([
      'Scaling out bert-large-search: 1 -> 2 units',
      'Scaling out bert-large-search: 2 -> 4 units',
    ]);
    expect(nextRun.unsent).toBeUndefined();
    expect(deps.logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('keeps at most the five newest undelivered messages', async () => {
    // Prepare
    const deps = world();
    deps.notifier.failNext('service_unavailable', true, { times: 7 });

    // Act
    const state = await deliverNotices(deps, aFleet(), emptyForecastState(FLEET_ID), [1, 2, 3, 4, 5, 6, 7].map(notice));

    // Assess
    expect(state.unsent?.map((m) => headerText(m).split(': ')[1])).toEqual(['3 -> 6 units', '4 -> 8 units', '5 -> 10 units', '6 -> 12 units', '7 -> 14 units']);
  });

  it('drops a message Slack will never take (channel gone), logging it as an error instead of resending it every run', async () => {
    // Prepare
    const deps = world();
    deps.notifier.removeChannel(CHANNEL);

    // Act
    const state = await deliverNotices(deps, aFleet(), emptyForecastState(FLEET_ID), [notice(1)]);

    // Assess
    expect(state.unsent).toBeUndefined();
    expect(deps.logger.lines).toEqual([expect.objectContaining({ level: 'error', message: 'Slack message dropped: Slack refused it' })]);
  });
});
