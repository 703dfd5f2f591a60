// The cost-anomaly function on twins when things go wrong or come from elsewhere: stuck Spot surges, EC2 and Slack failures, the spend-rate check.
import { describe, expect, it } from 'vitest';
import { FleetApiError } from '../../layers/ports/fleet-port';
import { costAnomalyDetectedEvent } from '../fixtures/events/cost-anomaly-factories';
import { CHANNEL, costAnomalyWorld, type CostAnomalyWorld, FLEET_ID, MINUTE_MS, overrideFleet, restoreFleet, slackTexts, START_MS, stuckSurgeIncident, SURGE_INSTANCE_ID as INSTANCE_ID, withForecast } from './cost-anomaly-world';

const ANOMALY_ID = '12345678-abcd-ef12-3456-987654321a12';
describe('cost-anomaly handler: Spot incident leftovers', () => {
  it('takes back a surge stuck for two hours and marks it undone on its incident', async () => {
    // Prepare: all 1,000 units needed but for the surge's 100
    const world = await withForecast(costAnomalyWorld(), 900);
    await world.ledger.saveIncident(stuckSurgeIncident());

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(result).toMatchObject({ outcomes: [{ remediations: [{ kind: 'undo-surge', outcome: 'executed' }] }] });
    expect(await world.target()).toEqual({ total: 900, onDemand: 200 });
    const incident = await world.ledger.getIncident(INSTANCE_ID);
    expect(incident?.surge?.undone).toMatchObject({ status: 'applied', fromTotal: 1000, toTotal: 900 });
    expect(incident?.version).toBe(2);
    expect(world.costs.incidents()[0]?.evidence).toContainEqual(expect.stringContaining(`surge of 100 units for ${INSTANCE_ID} never taken back`));
  });
});

describe('cost-anomaly handler: failures', () => {
  it('throws a retryable error when EC2 throttles, and the retry acts once', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld(), 400);
    world.fleet.failNext('modifyFleet', new FleetApiError('modifying fleet: Request limit exceeded', 'RequestLimitExceeded', true));

    // Act
    const first = world.handle(costAnomalyDetectedEvent());
    await expect(first).rejects.toMatchObject({ retryable: true });
    const retry = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(world.costs.incidents()).toHaveLength(1);
    expect(retry).toMatchObject({ outcomes: [{ status: 'opened', remediations: [{ kind: 'scale-to-need', outcome: 'executed' }] }] });
    expect(await world.target()).toEqual({ total: 400, onDemand: 200 });
  });

  it('tells the incident with the fleets it could act on when another attributed fleet no longer exists', async () => {
    // Prepare: a second g5 fleet in the fleets file whose EC2 Fleet was deleted
    const world = await withForecast(costAnomalyWorld(), 400);
    const gone = { ...world.fleetConfig, fleetId: 'fleet-00000000-0000-4000-8000-000000000000', name: 'bert-large-legacy' };
    world.costDeps.config = { ...world.costDeps.config, fleets: [world.fleetConfig, gone] };

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(result).toMatchObject({ outcomes: [{ status: 'opened', remediations: [{ fleetId: FLEET_ID, kind: 'scale-to-need', outcome: 'executed' }] }] });
    expect(world.costs.incidents()[0]?.evidence).toContainEqual(expect.stringContaining('bert-large-legacy: not remediated: cost remediation of fleet bert-large-legacy: EC2 Fleet'));
  });

  it('keeps the Slack message Slack rate-limited, and sends it at the next delivery of the anomaly', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld(), 400);
    world.notifier.failNext('ratelimited', true);
    await world.handle(costAnomalyDetectedEvent());
    expect(slackTexts(world)).toEqual([]);
    expect(world.costs.incidents()[0]?.unsent).toHaveLength(1);

    // Act
    const again = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(again).toMatchObject({ outcomes: [{ status: 'duplicate' }] });
    expect(slackTexts(world)).toHaveLength(1);
    expect(world.costs.incidents()[0]).toMatchObject({ chat: { channel: CHANNEL } });
    expect(world.costs.incidents()[0]?.unsent).toBeUndefined();
    expect(world.modifyCalls()).toBe(1);
  });
});

/** A first delivery that takes the claim and never finishes (its first EC2 call does not answer, as at a timeout). */
const firstAttemptHangs = async (world: CostAnomalyWorld): Promise<void> => {
  overrideFleet(world, (method) => (method === 'describeFleet' ? () => new Promise(() => undefined) : undefined));
  void world.handle(costAnomalyDetectedEvent());
  await new Promise((resolve) => setTimeout(resolve, 0));
  restoreFleet(world);
};

describe('cost-anomaly handler: a delivery whose claim is held', () => {
  it('throws retryable while another attempt holds the alert, so the alert is not acknowledged', async () => {
    // Prepare: the first attempt is still working (its first EC2 call never answers)
    const world = await withForecast(costAnomalyWorld(), 400);
    await firstAttemptHangs(world);
    world.clock.advance(30_000);

    // Act
    const duplicate = world.handle(costAnomalyDetectedEvent());

    // Assess
    await expect(duplicate).rejects.toMatchObject({ retryable: true });
    expect(world.costs.incidents()).toEqual([]);
  });

  it("acts at Lambda's retry a minute after a first attempt that timed out (120 s) holding the claim", async () => {
    // Prepare: the first attempt takes the claim and is killed at the function's timeout
    const world = await withForecast(costAnomalyWorld(), 400);
    await firstAttemptHangs(world);
    world.clock.advance(120_000 + MINUTE_MS);

    // Act
    const retry = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(retry).toMatchObject({ outcomes: [{ status: 'opened', remediations: [{ kind: 'scale-to-need', outcome: 'executed' }] }] });
    expect(await world.target()).toEqual({ total: 400, onDemand: 200 });
  });
});

describe('cost-anomaly handler: the spend-rate check', () => {
  it('raises the fleet running 1,000 units for a need of 400 within 15 minutes, and scales it to need', async () => {
    // Prepare
    const world = costAnomalyWorld();
    const results = [];

    // Act: the schedule fires every 5 minutes; the forecast runs just before each
    for (let run = 0; run <= 4; run += 1) {
      await withForecast(world, 400);
      results.push(await world.handle(world.scheduledEvent()));
      world.clock.advance(5 * MINUTE_MS);
      world.fleet.fulfil(world.clock.nowMs());
    }

    // Assess
    const raised = results.flatMap((r) => (r.status === 'handled' ? r.outcomes : []));
    expect(raised).toMatchObject([{ status: 'opened', fleets: ['bert-large-search'], remediations: [{ kind: 'scale-to-need', outcome: 'executed' }] }]);
    expect(raised[0]?.anomalyId).not.toBe(ANOMALY_ID);
    const [incident] = world.costs.incidents();
    expect(incident?.anomaly).toMatchObject({ via: 'spend-rate', fleetId: FLEET_ID });
    expect(incident?.openedAtMs).toBeLessThanOrEqual(START_MS + 15 * MINUTE_MS);
    expect(await world.target()).toEqual({ total: 400, onDemand: 200 });
    expect(slackTexts(world)[0]).toContain('Found by the autopilot spend-rate check');
  });
});
