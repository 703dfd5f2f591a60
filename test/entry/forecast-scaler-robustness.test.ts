// The forecast-scaler function on twins when things go wrong or are held: guard, retries, missing data, steps, bad events.
import { describe, expect, it } from 'vitest';
import type { FleetRunOutcome } from '../../layers/app/run-fleet-forecast';
import { emptyForecastState } from '../../layers/core/forecast/forecast-state';
import { EventParseError } from '../../layers/events/errors';
import { FleetApiError } from '../../layers/ports/fleet-port';
import { withField } from '../fixtures/events/factories';
import { dailyCycleQps, FLEET_ID, forecastWorld, HOUR_MS, MINUTE_MS, TODAY_MS, type ForecastWorld } from './forecast-world';

const at = (hours: number): number => TODAY_MS + hours * HOUR_MS;
const CHANNEL = '#gpu-oncall';

const modifyCalls = (world: ForecastWorld) => world.fleet.calls.filter((c) => c.method === 'modifyFleet');
const outcomeOf = async (world: ForecastWorld, event: unknown): Promise<FleetRunOutcome | { status: string; reason: string }> => {
  const [outcome] = (await world.handle(event)).outcomes;
  if (!outcome) throw new Error('no outcome');
  return outcome;
};
const headers = (world: ForecastWorld): string[] =>
  world.notifier.channelMessages(CHANNEL).map((m) => String((m.blocks?.[0]?.text as { text?: string } | undefined)?.text));

describe('forecast-scaler handler: the guard', () => {
  it('records a dry-run scale-out without modifying the fleet, and tells Slack once, not at every run', async () => {
    // Prepare: mid-ramp, far below the need
    const world = forecastWorld({ startMs: at(7), globalDryRun: true });

    // Act
    const first = await outcomeOf(world, world.scheduledEvent());
    world.clock.advance(5 * MINUTE_MS);
    const second = await outcomeOf(world, world.scheduledEvent());

    // Assess
    expect([first.status, second.status]).toEqual(['dry-run', 'dry-run']);
    expect(modifyCalls(world)).toEqual([]);
    expect(await world.targetUnits()).toBe(300);
    expect(world.ledger.actions().map((a) => a.status)).toEqual(['dry-run', 'dry-run']);
    expect(headers(world)).toEqual([expect.stringMatching(/^Scaling out bert-large-prod: 300 -> \d+ units \(dry-run\)$/)]);
  });

  it('records a scale-out the kill switch blocks without modifying the fleet', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7) });
    world.settings.engage();

    // Act
    const outcome = await outcomeOf(world, world.scheduledEvent());

    // Assess
    expect(outcome).toMatchObject({ status: 'blocked', reason: expect.stringContaining('kill switch engaged') });
    expect(modifyCalls(world)).toEqual([]);
    expect(world.ledger.actions()).toEqual([expect.objectContaining({ status: 'blocked', type: 'modify-fleet-capacity' })]);
  });

  it('acts once on a scheduled event EventBridge delivers twice', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7) });
    const event = world.scheduledEvent('7d2c1e4f-0000-4000-8000-000000000001');

    // Act
    await world.handle(event);
    world.clock.advance(MINUTE_MS);
    const again = await outcomeOf(world, event);

    // Assess
    expect(again).toMatchObject({ status: 'duplicate' });
    expect(modifyCalls(world)).toHaveLength(1);
  });
});

describe('forecast-scaler handler: failures', () => {
  it('throws a retryable error when ModifyFleet is throttled, and the retry of the same event makes one change', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7) });
    world.fleet.failNext('modifyFleet', new FleetApiError('modifying fleet: Request limit exceeded.', 'RequestLimitExceeded', true));
    const event = world.scheduledEvent();

    // Act
    const failed = await world.handle(event).then(() => undefined, (error: unknown) => error);
    world.clock.advance(MINUTE_MS);
    const retried = await outcomeOf(world, event);

    // Assess
    expect(failed).toMatchObject({ name: 'SignalProcessingError', retryable: true, message: expect.stringContaining('Request limit exceeded') });
    expect(world.ledger.actions().map((a) => a.status).sort()).toEqual(['applied', 'failed', 'pending']);
    expect(retried).toMatchObject({ status: 'applied', decision: 'scale-out' });
    expect(modifyCalls(world)).toHaveLength(2);
    expect(await world.targetUnits()).toBe((retried as FleetRunOutcome).toUnits);
  });

  it('throws a retryable error and changes nothing when the history cannot be read', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7) });
    world.history.failNext('throttling');

    // Act, Assess
    await expect(world.handle(world.scheduledEvent())).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('Throttling') });
    expect(modifyCalls(world)).toEqual([]);
  });

  it('holds without history, tells Slack once, and not again at the next run', async () => {
    // Prepare: a new fleet, no datapoint in CloudWatch
    const world = forecastWorld({ startMs: at(7), historyDays: 0 });

    // Act
    const first = await outcomeOf(world, world.scheduledEvent());
    world.clock.advance(5 * MINUTE_MS);
    const second = await outcomeOf(world, world.scheduledEvent());

    // Assess
    expect([first, second]).toEqual([expect.objectContaining({ model: 'none', decision: 'hold', status: 'held' }), expect.objectContaining({ model: 'none', status: 'held' })]);
    expect(modifyCalls(world)).toEqual([]);
    expect(headers(world)).toEqual(['Demand history of bert-large-prod is missing or short']);
  });

  it('tells Slack the model drifts when its recent predictions erred more than seasonal-naive\'s', async () => {
    // Prepare: the ledger holds 12 scored predictions, three times naive's error
    const world = forecastWorld({ startMs: at(12), initialUnits: 2100 });
    const scored = Array.from({ length: 12 }, (_, i) => ({ atMs: at(10) + i * 5 * MINUTE_MS, modelError: 30_000, naiveError: 10_000 }));
    await world.ledger.saveForecastState({ ...emptyForecastState(FLEET_ID), version: 1, scored });

    // Act
    await world.handle(world.scheduledEvent());

    // Assess
    expect(headers(world)).toEqual(['Forecast for bert-large-prod is drifting: error 3.00x seasonal-naive']);
    expect(world.publisher.published({ name: 'ForecastDriftRatio' }).map((d) => d.value)).toEqual([3]);
  });

  it('publishes the forecast, its bound, the planned, needed and actual capacity and the observed load per fleet', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7) });

    // Act
    await world.handle(world.scheduledEvent());

    // Assess
    const names = world.publisher.published({ dimensions: { Fleet: 'bert-large-prod' } }).map((d) => d.name);
    expect(names.sort()).toEqual(['ForecastDemandQps', 'ForecastUpperQps', 'NeededNowCapacityUnits', 'ObservedDemandQps', 'PlannedCapacityUnits', 'TargetCapacityUnits']);
    expect(world.publisher.published({ name: 'TargetCapacityUnits' })[0]?.value).toBe(await world.targetUnits());
    const lastFiveMinutes = [5, 4, 3, 2, 1].map((m) => dailyCycleQps(at(7) - m * MINUTE_MS));
    expect(world.publisher.published({ name: 'ObservedDemandQps' })[0]?.value).toBeCloseTo(lastFiveMinutes.reduce((a, b) => a + b) / 5, 6);
  });
});

describe('forecast-scaler handler: forecast steps and bad events', () => {
  const step = (targetUnits: number, fleetId = FLEET_ID) => ({ fleetId, targetUnits, effectiveAtMs: at(7) + 7 * MINUTE_MS, runId: 'run-1' });

  it('raises the target to a step, and holds a step below the target', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7) });

    // Act
    const raised = await outcomeOf(world, world.stepEvent(step(900), 'fs-step-900'));
    world.clock.advance(MINUTE_MS);
    const below = await outcomeOf(world, world.stepEvent(step(500), 'fs-step-500'));

    // Assess
    expect(raised).toMatchObject({ status: 'applied', fromUnits: 300, toUnits: 900 });
    expect(below).toMatchObject({ status: 'held', reason: 'target 900 units already covers the step\'s 500' });
    expect(await world.targetUnits()).toBe(900);
  });

  it('caps a step at the fleet maximum, in whole units', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7), fleetConfig: { maxCapacityUnits: 1234.5 } });

    // Act
    const outcome = await outcomeOf(world, world.stepEvent(step(5000)));

    // Assess
    expect(outcome).toMatchObject({ status: 'applied', toUnits: 1234 });
  });

  it('acknowledges a step for a fleet no longer in the fleets file', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7) });

    // Act
    const outcome = await outcomeOf(world, world.stepEvent(step(900, 'fleet-0aa0aa0a-0000-4000-8000-000000000000')));

    // Assess
    expect(outcome).toMatchObject({ status: 'held', reason: 'fleet fleet-0aa0aa0a-0000-4000-8000-000000000000 is not in the fleets file' });
    expect(modifyCalls(world)).toEqual([]);
  });

  it('throws a malformed event as a non-retryable EventParseError naming the field, and changes nothing', async () => {
    // Prepare
    const world = forecastWorld({ startMs: at(7) });

    // Act
    const error = await world.handle(withField(world.stepEvent(step(900)), ['detail', 'targetUnits'], -1)).then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(EventParseError);
    expect(error).toMatchObject({ retryable: false, fields: ['detail.targetUnits'] });
    expect(modifyCalls(world)).toEqual([]);
  });
});
