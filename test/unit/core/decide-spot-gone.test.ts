import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { InstanceState } from '../../../layers/core/signals';
import { aContext, aFleetView, anInstance, aRebalance, aScheduledChangeFor, aStateChange, aWarning, INCIDENT_ID, settled, T0_MS } from '../../helpers/spot-factories';

const NOW_MS = T0_MS + 1_500;
const GONE: InstanceState[] = ['stopping', 'stopped', 'shutting-down', 'terminated'];

describe('decideSpot on a notice about an instance EC2 already reports stopping or gone', () => {
  it.each(GONE)('closes a new incident at once for a warning on a %s instance: no surge, no drain', (state) => {
    // Act
    const decision = decideSpot(aWarning(), aContext({ instance: anInstance({ state }) }));

    // Assess
    expect(decision.changed).toBe(true);
    expect(decision.actions).toEqual([]);
    expect(decision.incident).toMatchObject({
      incidentId: INCIDENT_ID,
      version: 0,
      phase: 'closed',
      outcome: { finalState: state, closedAtMs: NOW_MS, lostUnits: 400 },
      signals: [{ kind: 'spot-interruption-warning', detail: `instance already ${state}` }],
    });
    expect(decision.incident?.drain).toBeUndefined();
    expect(decision.incident?.surge).toBeUndefined();
    expect(decision.reasons).toEqual([`spot-interruption-warning for an instance already ${state}: closed, nothing to do`]);
  });

  it.each([
    ['rebalance recommendation', aRebalance()],
    ['scheduled change', aScheduledChangeFor({ startMs: NOW_MS + 300_000 })],
  ])('closes at once for a %s about a stopped instance, scheduling nothing', (_name, signal) => {
    // Act
    const decision = decideSpot(signal, aContext({ instance: anInstance({ state: 'stopped' }) }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.incident).toMatchObject({ phase: 'closed', outcome: { finalState: 'stopped' } });
  });

  it('takes back the surge of an earlier recommendation when the warning finds the instance shutting down', () => {
    // Prepare: a rebalance surged 2000 -> 2400; EC2 already reports the instance shutting down when the warning is processed
    const recommended = settled(decideSpot(aRebalance({ emittedAtMs: T0_MS - 600_000 }), aContext({ nowMs: T0_MS - 600_000 })), T0_MS - 599_000);
    const ctx = aContext({ incident: recommended, instance: anInstance({ state: 'shutting-down' }), fleetView: aFleetView({ totalTargetCapacity: 2400 }) });

    // Act
    const decision = decideSpot(aWarning(), ctx);

    // Assess
    expect(decision.incident).toMatchObject({ incidentId: recommended.incidentId, phase: 'closed', outcome: { finalState: 'shutting-down' } });
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'restore', fromTotal: 2400, toTotal: 2000, idempotencyKey: `${recommended.incidentId}:restore` }),
    ]);
    expect(decision.reasons).toEqual([decision.actions[0]?.reason]);
  });

  it('does not drain an instance that is gone even when an earlier drain failed and the warning is redelivered', () => {
    // Prepare: the first delivery's drain failed; the instance has terminated since
    const warned = settled(decideSpot(aWarning(), aContext()), NOW_MS, (a) => (a.type === 'tag-drain' ? 'failed' : 'applied'));

    // Act
    const decision = decideSpot(aWarning(), aContext({ incident: warned, instance: anInstance({ state: 'terminated' }), fleetView: aFleetView({ totalTargetCapacity: 2400 }), nowMs: NOW_MS + 5_000 }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity']);
    expect(decision.actions[0]).toMatchObject({ purpose: 'restore' });
    expect(decision.incident?.phase).toBe('closed');
  });

  it('still closes on a state change as a state change, with the drain outcome, when the instance is already gone', () => {
    // Prepare
    const warned = settled(decideSpot(aWarning(), aContext()), NOW_MS);

    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warned, instance: anInstance({ state: 'terminated' }), nowMs: T0_MS + 125_000 }));

    // Assess
    expect(decision.incident?.outcome).toMatchObject({ finalState: 'terminated', drainedBeforeDeadline: true });
  });
});
