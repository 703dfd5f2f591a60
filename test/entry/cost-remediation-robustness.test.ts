// The cost-anomaly function's remediations on twins at their edges: incident save conflicts, a second fleet throttled, the hourly scale-in budget, the guard on rebalancing, duplicate deliveries at once.
import { describe, expect, it } from 'vitest';
import { FleetApiError } from '../../layers/ports/fleet-port';
import { IncidentConflictError } from '../../layers/ports/ledger-port';
import { costAnomalyDetectedEvent } from '../fixtures/events/cost-anomaly-factories';
import { costAnomalyWorld, FLEET_ID, MINUTE_MS, overrideFleet, restoreFleet, slackTexts, stuckSurgeIncident, SURGE_INSTANCE_ID, withForecast } from './cost-anomaly-world';

/** Sorts after the fleet's id: attributed, and remediated, second. */
const LEGACY_ID = 'fleet-f0000000-0000-4000-8000-000000000000';
/** cheapest Spot quote of the fleet per unit: g6.xlarge $0.35/h for 100 units */
const SPOT_USD_PER_UNIT_HOUR = 0.0035;

describe('cost remediation: the Spot incident of an undone surge', () => {
  it('reads the incident again and marks the surge undone when its save conflicts once', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld(), 900);
    const incident = stuckSurgeIncident();
    await world.ledger.saveIncident(incident);
    world.ledger.failNext('saveIncident', new IncidentConflictError(incident.incidentId));

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(result).toMatchObject({ outcomes: [{ status: 'opened', remediations: [{ kind: 'undo-surge', outcome: 'executed' }] }] });
    expect((await world.ledger.getIncident(SURGE_INSTANCE_ID))?.surge?.undone).toMatchObject({ status: 'applied', fromTotal: 1000, toTotal: 900 });
    expect(world.modifyCalls()).toBe(1);
  });

  it('records the undo as executed, with the reason, when the incident cannot be saved at all', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld(), 900);
    const incident = stuckSurgeIncident();
    await world.ledger.saveIncident(incident);
    for (let i = 0; i < 3; i += 1) world.ledger.failNext('saveIncident', new IncidentConflictError(incident.incidentId));

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess: the fleet change stands and is not repeated
    expect(result).toMatchObject({ outcomes: [{ remediations: [{ kind: 'undo-surge', outcome: 'executed', reason: expect.stringContaining('could not be marked undone') }] }] });
    expect(await world.target()).toEqual({ total: 900, onDemand: 200 });
    expect(world.costs.incidents()).toHaveLength(1);
  });
});

describe('cost remediation: a second attributed fleet throttled', () => {
  it('saves what the first fleet did before throwing retryable, and tells it at the retry', async () => {
    // Prepare: a second g5 fleet whose every EC2 call is throttled
    const world = await withForecast(costAnomalyWorld(), 400);
    world.costDeps.config = { ...world.costDeps.config, fleets: [world.fleetConfig, { ...world.fleetConfig, fleetId: LEGACY_ID, name: 'bert-large-legacy' }] };
    const throttle = new FleetApiError('Request limit exceeded', 'RequestLimitExceeded', true);
    const legacyArg = (arg: unknown): boolean => arg === LEGACY_ID || (typeof arg === 'object' && arg !== null && 'fleetId' in arg && arg.fleetId === LEGACY_ID);
    overrideFleet(world, (method) => {
      const twinMethod = Reflect.get(world.fleet, method) as unknown;
      if (typeof twinMethod !== 'function') return undefined;
      return (...args: unknown[]) => (legacyArg(args[0]) ? Promise.reject(throttle) : (twinMethod as (...a: unknown[]) => Promise<unknown>).apply(world.fleet, args));
    });

    // Act
    await expect(world.handle(costAnomalyDetectedEvent())).rejects.toMatchObject({ retryable: true });

    // Assess
    expect(world.costs.incidents()).toMatchObject([{ incomplete: true, remediations: [{ fleetId: FLEET_ID, kind: 'scale-to-need', outcome: 'executed' }] }]);
    expect(slackTexts(world)).toEqual([]);

    // Act: the retry (the legacy fleet's EC2 Fleet turns out deleted: skipped)
    restoreFleet(world);
    const retry = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(retry).toMatchObject({ outcomes: [{ status: 'opened' }] });
    const [told] = world.costs.incidents();
    expect(told?.incomplete).toBeUndefined();
    expect(told?.remediations[0]).toMatchObject({ fleetId: FLEET_ID, kind: 'scale-to-need', outcome: 'executed' });
    expect(slackTexts(world)).toHaveLength(1);
    expect(world.modifyCalls()).toBe(1);
  });
});

describe("cost remediation: the fleet's hourly scale-in budget", () => {
  it('clamps scale-to-need to 25% of the target, tells the $/hour of that target, and counts it for the forecast', async () => {
    // Prepare: 1,000 units, need 400, the default budget
    const world = await withForecast(costAnomalyWorld({ fleetConfig: { forecast: { maxScaleInFractionPerHour: 0.25 } } }), 400);

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(await world.target()).toEqual({ total: 750, onDemand: 200 });
    const record = result.status === 'handled' ? result.outcomes[0]?.remediations[0] : undefined;
    expect(record).toMatchObject({ kind: 'scale-to-need', outcome: 'executed', reason: expect.stringContaining('to 750 units') });
    expect(record?.usdPerHourAfter).toBeCloseTo((record?.usdPerHourBefore ?? 0) - 250 * SPOT_USD_PER_UNIT_HOUR, 9);
    expect((await world.ledger.getForecastState(FLEET_ID))?.scaleIns).toEqual([{ atMs: world.clock.nowMs(), units: 250 }]);
  });

  it('undoes a stuck surge whole, neither limited by the budget nor counted in it (it gives back what an incident added)', async () => {
    // Prepare: a budget of 5% of the target per hour (50 units) and a 100-unit surge left on
    const world = await withForecast(costAnomalyWorld({ fleetConfig: { forecast: { maxScaleInFractionPerHour: 0.05 } } }), 900);
    await world.ledger.saveIncident(stuckSurgeIncident());

    // Act
    await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(await world.target()).toEqual({ total: 900, onDemand: 200 });
    expect((await world.ledger.getForecastState(FLEET_ID))?.scaleIns).toEqual([]);
  });

  it('counts the forecast scaler’s scale-in of the last hour', async () => {
    // Prepare: the forecast took 250 units away 10 minutes ago (1,250 -> 1,000): 312 allowed this hour, 62 left
    const world = await withForecast(costAnomalyWorld({ fleetConfig: { forecast: { maxScaleInFractionPerHour: 0.25 } } }), 400);
    const state = await world.ledger.getForecastState(FLEET_ID);
    if (state === undefined) throw new Error('no forecast state');
    await world.ledger.saveForecastState({ ...state, version: state.version + 1, scaleIns: [{ atMs: world.clock.nowMs() - 10 * MINUTE_MS, units: 250 }] });

    // Act
    await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(await world.target()).toEqual({ total: 938, onDemand: 200 });
  });
});

describe('cost remediation: going back to Spot through the guard', () => {
  it.each([
    ['the kill switch is engaged', true, false, 'blocked'],
    ['the fleet is in dry-run', false, true, 'dry-run'],
  ])('does not ask the rebalancer when %s, and says so', async (_, killSwitch, dryRun, outcome) => {
    // Prepare: 800 of the 1,000 units on on-demand, all needed
    const world = await withForecast(costAnomalyWorld({ onDemandUnits: 800, fleetConfig: { dryRun } }), 1000);
    if (killSwitch) world.settings.engage();

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(result).toMatchObject({ outcomes: [{ remediations: [{ kind: 'rebalance-to-spot', outcome }] }] });
    expect(await world.ledger.listRebalanceRequests(FLEET_ID)).toEqual([]);
  });
});

describe('cost remediation: duplicate deliveries at once', () => {
  it('posts a message Slack rate-limited once when two duplicates of the alert arrive together', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld(), 400);
    world.notifier.failNext('ratelimited', true);
    await world.handle(costAnomalyDetectedEvent());

    // Act
    const results = await Promise.all([world.handle(costAnomalyDetectedEvent()), world.handle(costAnomalyDetectedEvent())]);

    // Assess
    expect(results).toMatchObject([{ outcomes: [{ status: 'duplicate' }] }, { outcomes: [{ status: 'duplicate' }] }]);
    expect(slackTexts(world)).toHaveLength(1);
  });
});
