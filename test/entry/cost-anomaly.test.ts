// The cost-anomaly function on twins, driven by the documented Cost Anomaly Detection samples: attribution, remediation, Slack.
import { describe, expect, it } from 'vitest';
import { EventParseError } from '../../layers/events/errors';
import { costAnomalyDetectedEvent, costAnomalySnsEvent, detectedEventWithField, grownDetectedEvent, snsEventWithMessage } from '../fixtures/events/cost-anomaly-factories';
import { CHANNEL, costAnomalyWorld, FLEET_ID, slackTexts, withForecast } from './cost-anomaly-world';

const ANOMALY_ID = '12345678-abcd-ef12-3456-987654321a12';

describe('cost-anomaly handler: an EventBridge "Anomaly Detected" alert', () => {
  it('attributes the SpotUsage:g5.xlarge cause to the fleet, scales it to need and tells on-call once', async () => {
    // Prepare: 1,000 units running, the forecast needs 400
    const world = await withForecast(costAnomalyWorld(), 400);

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(result).toMatchObject({ status: 'handled', kind: 'anomalies', outcomes: [{ anomalyId: ANOMALY_ID, status: 'opened', fleets: ['bert-large-search'], remediations: [{ kind: 'scale-to-need', outcome: 'executed' }] }] });
    expect(await world.target()).toEqual({ total: 400, onDemand: 200 });
    const [incident] = world.costs.incidents();
    expect(incident).toMatchObject({ anomalyId: ANOMALY_ID, version: 1, fleetIds: [FLEET_ID], impactUsd: 1001, chat: { channel: CHANNEL } });
    expect(incident?.evidence?.[0]).toBe('bert-large-search: usage type SpotUsage:g5.xlarge in us-east-1');
    expect(await world.ledger.listActions(`cost#${ANOMALY_ID}`)).toContainEqual(expect.objectContaining({ type: 'modify-fleet-capacity', status: 'applied', before: { totalTargetCapacity: 1000 } }));
    const texts = slackTexts(world);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Cost anomaly: $1,001 above expected (bert-large-search)');
    expect(texts[0]).toContain('Done: bert-large-search scale-to-need');
  });

  it('scales to what arrives when the forecast scaler has not run lately: 255 QPS at 85% need 300 units', async () => {
    // Prepare: no forecast state; the fleet's queue received 255 requests a second over the last ten minutes
    const world = costAnomalyWorld();
    const queueUrl = world.fleetConfig.queueUrls[0] ?? '';
    for (let m = 1; m <= 10; m += 1) world.metrics.put(queueUrl, world.clock.nowMs() - m * 60_000, 255 * 60);

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(result).toMatchObject({ outcomes: [{ remediations: [{ kind: 'scale-to-need', outcome: 'executed' }] }] });
    expect(await world.target()).toEqual({ total: 300, onDemand: 200 });
  });

  it('does nothing a second time when the same alert is delivered again', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld(), 400);
    await world.handle(costAnomalyDetectedEvent());

    // Act
    const again = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(again).toMatchObject({ outcomes: [{ status: 'duplicate', remediations: [] }] });
    expect(world.modifyCalls()).toBe(1);
    expect(slackTexts(world)).toHaveLength(1);
    expect(world.costs.incidents()[0]?.version).toBe(1);
  });

  it('updates the incident and its Slack message in place when the anomaly is re-sent with a bigger impact', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld(), 400);
    await world.handle(costAnomalyDetectedEvent());
    world.clock.advance(3_600_000);
    await withForecast(world, 300);

    // Act
    const grown = await world.handle(grownDetectedEvent(1500));

    // Assess: decided again on fresh state: 400 -> 300
    expect(grown).toMatchObject({ outcomes: [{ status: 'updated', remediations: [{ kind: 'scale-to-need', outcome: 'executed' }] }] });
    expect(await world.target()).toEqual({ total: 300, onDemand: 200 });
    const [message] = world.notifier.channelMessages(CHANNEL);
    expect(world.notifier.channelMessages(CHANNEL)).toHaveLength(1);
    expect(message?.history).toHaveLength(1);
    expect(message?.text).toContain('Cost anomaly: $1,500 above expected');
    expect(world.costs.incidents()[0]).toMatchObject({ version: 2, impactUsd: 1500 });
  });

  it('posts the grown anomaly again through an incoming webhook, which cannot update', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld({ slackUpdates: false }), 400);
    await world.handle(costAnomalyDetectedEvent());

    // Act
    await world.handle(grownDetectedEvent(1500));

    // Assess
    expect(slackTexts(world).map((t) => t.slice(0, 40))).toEqual(['Cost anomaly: $1,001 above expected (ber', 'Cost anomaly: $1,500 above expected (ber']);
  });

  it.each([
    ['the kill switch is engaged', true, false, 'blocked'],
    ['the fleet is in dry-run', false, true, 'dry-run'],
  ])('leaves the fleet as it is when %s, and says what it would do', async (_, killSwitch, dryRun, outcome) => {
    // Prepare
    const world = await withForecast(costAnomalyWorld({ fleetConfig: { dryRun } }), 400);
    if (killSwitch) world.settings.engage();

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(result).toMatchObject({ outcomes: [{ remediations: [{ kind: 'scale-to-need', outcome }] }] });
    expect(world.modifyCalls()).toBe(0);
    expect(await world.target()).toEqual({ total: 1000, onDemand: 200 });
  });

  it('asks the rebalancer to move on-demand left on above the base back to calm Spot', async () => {
    // Prepare: 800 of the 1,000 units on on-demand, all of them needed
    const world = await withForecast(costAnomalyWorld({ onDemandUnits: 800 }), 1000);

    // Act
    const result = await world.handle(costAnomalyDetectedEvent());

    // Assess
    expect(result).toMatchObject({ outcomes: [{ remediations: [{ kind: 'rebalance-to-spot', outcome: 'executed' }] }] });
    const [request] = await world.ledger.listRebalanceRequests(FLEET_ID);
    expect(request).toMatchObject({ reason: 'cost-anomaly', eventId: ANOMALY_ID });
    expect(request?.detail).toContain('600 on-demand units above the 200-unit base with Spot calm');
    expect(world.modifyCalls()).toBe(0);
  });

  it('rejects a malformed alert naming the field, not retryable', async () => {
    // Prepare
    const world = costAnomalyWorld();

    // Act
    const rejected = world.handle(detectedEventWithField(['detail', 'impact', 'totalImpact'], 'a lot'));

    // Assess
    await expect(rejected).rejects.toBeInstanceOf(EventParseError);
    await expect(rejected).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('detail.impact.totalImpact') });
  });
});

describe('cost-anomaly handler: the SNS immediate alert', () => {
  it('alerts only, with the reason, for the documented sample whose cause is in another Region', async () => {
    // Prepare
    const world = await withForecast(costAnomalyWorld(), 400);

    // Act
    const result = await world.handle(costAnomalySnsEvent());

    // Assess
    expect(result).toMatchObject({ outcomes: [{ status: 'opened', fleets: [], remediations: [] }] });
    expect(world.modifyCalls()).toBe(0);
    const [text] = slackTexts(world);
    expect(text).toContain('Cost anomaly: $1,001 above expected (outside the managed fleets)');
    expect(text).toContain('Region ap-northeast-1 has no managed fleet (they run in us-east-1)');
  });

  it('acknowledges a message on the topic that is not an anomaly alert', async () => {
    // Prepare
    const world = costAnomalyWorld();

    // Act
    const result = await world.handle(snsEventWithMessage('Hello from the SNS console'));

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect(world.costs.incidents()).toEqual([]);
  });
});
