// The cost incident's Slack message and its evidence lines, by example.
import { describe, expect, it } from 'vitest';
import { evidenceLines } from '../../../../layers/core/cost/cost-evidence';
import type { CostIncident } from '../../../../layers/core/cost/cost-incident';
import { renderCostIncident } from '../../../../layers/core/cost/cost-incident-message';

const H = (hour: number, minute = 0): number => Date.UTC(2026, 10, 28, hour, minute);

describe('evidenceLines', () => {
  it('lists the rises, open surges and drains and the fallback, oldest first', () => {
    // Act
    const lines = evidenceLines({
      fleetId: 'fleet-0a',
      targetRises: [{ atMs: H(14, 5), fromUnits: 400, toUnits: 900, purpose: 'scale-out' }],
      onDemandFallbackSinceMs: H(9),
      onDemandFallbackReason: '4 Spot interruptions in 30 min',
      openSurges: [{ incidentId: 'spot-i-0a-1', instanceId: 'i-0a', units: 100, atMs: H(15) }],
      openDrains: [{ incidentId: 'spot-i-0b-1', instanceId: 'i-0b', atMs: H(10), deadlineMs: H(10, 30) }],
    });

    // Assess
    expect(lines).toEqual([
      '2026-11-28 09:00 fell back to on-demand: 4 Spot interruptions in 30 min',
      '2026-11-28 10:00 drain of i-0b still on past its deadline 2026-11-28 10:30',
      '2026-11-28 14:05 target 400 -> 900 units (scale-out)',
      '2026-11-28 15:00 surge of 100 units for i-0a never taken back',
    ]);
  });
});

describe('renderCostIncident', () => {
  it('shows the latest outcome per fleet and kind, with the $/hour change', () => {
    // Prepare: scale-to-need held by the kill switch, then done at the anomaly's re-send
    const record = { fleetId: 'fleet-0a', kind: 'scale-to-need', reason: 'target 1000 units is 600 above the 400 the fleet needs: scaling to need', usdPerHourBefore: 5.2, usdPerHourAfter: 2.8 };
    const incident: CostIncident = {
      anomalyId: 'a1', version: 2, fleetIds: ['fleet-0a'], openedAtMs: H(16), updatedAtMs: H(17), impactUsd: 1500, status: 'open',
      anomaly: { anomalyId: 'a1', via: 'sns', accountId: '123456789012', startMs: Date.UTC(2026, 10, 28), score: { current: 0.5, max: 0.5 }, impact: { maxImpactUsd: 151, totalImpactUsd: 1500, totalActualSpendUsd: 1800, totalExpectedSpendUsd: 300 }, rootCauses: [], receivedAtMs: H(17) },
      remediations: [{ ...record, outcome: 'blocked', atMs: H(16) }, { ...record, outcome: 'executed', atMs: H(17) }],
      evidence: ['bert-large-search: usage type SpotUsage:g5.xlarge in us-east-1'],
    };

    // Act
    const message = renderCostIncident(incident, '#gpu-oncall', new Map([['fleet-0a', 'bert-large-search']]));

    // Assess
    expect(message.channel).toBe('#gpu-oncall');
    expect(message.blocks?.[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Cost anomaly: $1,500 above expected (bert-large-search)' } });
    const body = (message.blocks?.[1] as unknown as { text: { text: string } }).text.text;
    expect(body.split('\n')).toEqual([
      'Found by AWS Cost Anomaly Detection on 2026-11-28, anomaly a1 since 2026-11-28: spent $1,800 against $300 expected.',
      '• bert-large-search: usage type SpotUsage:g5.xlarge in us-east-1',
      '• Done: bert-large-search scale-to-need ($5.20/h -&gt; $2.80/h): target 1000 units is 600 above the 400 the fleet needs: scaling to need',
    ]);
  });
});
