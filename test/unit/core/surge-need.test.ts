import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurgeNeedInput } from '../../../layers/core/surge-need';
import { surgeNeed } from '../../../layers/core/surge-need';

/** A 1000-unit fleet about to lose a 250-unit instance, SLO wait budget 100 ms, 7 min until a replacement serves. */
const input = (overrides: Partial<SurgeNeedInput> = {}): SurgeNeedInput => ({
  fulfilledUnits: 1000,
  lostUnits: 250,
  arrivalQps: 900,
  backlog: 0,
  leadTimeSeconds: 420,
  waitBudgetSeconds: 0.1,
  maxUtilization: 0.9,
  surgeWhenDemandUnknown: true,
  ...overrides,
});

describe('surgeNeed', () => {
  it('needs a surge when the remaining capacity cannot keep up with arrivals over the lead time', () => {
    // Act
    const need = surgeNeed(input());

    // Assess: 150 req/s pile up for 420 s = 63000 messages, served at 750/s
    expect(need.needed).toBe(true);
    expect(need.worstWaitSeconds).toBeCloseTo(84, 6);
    expect(need.reason).toContain('SLO at risk');
  });

  it('needs no surge when demand is low enough for the remaining capacity', () => {
    // Act
    const need = surgeNeed(input({ arrivalQps: 300 }));

    // Assess
    expect(need.needed).toBe(false);
    expect(need.worstWaitSeconds).toBe(0);
    expect(need.reason).toMatch(/^no surge needed: 300 req\/s on 750 QPS left \(utilization 40%\)/);
  });

  it('surges when the arrival rate is unknown and the policy says to be safe', () => {
    // Act
    const need = surgeNeed(input({ arrivalQps: undefined }));

    // Assess
    expect(need).toEqual({ needed: true, reason: expect.stringContaining('arrival rate unknown') });
  });

  it('does not surge when the arrival rate is unknown and the policy says not to', () => {
    // Act
    const need = surgeNeed(input({ arrivalQps: undefined, surgeWhenDemandUnknown: false }));

    // Assess
    expect(need.needed).toBe(false);
    expect(need.reason).toContain('set not to surge');
  });

  it('surges with an unbounded wait when nothing would be left to serve the queue', () => {
    // Act
    const need = surgeNeed(input({ lostUnits: 1000, arrivalQps: 0 }));

    // Assess
    expect(need).toEqual({ needed: true, worstWaitSeconds: Infinity, reason: 'no capacity would be left to serve the queue' });
  });

  it('surges for a backlog whose wait alone exceeds the budget even when utilization is low', () => {
    // Act: 200 messages waiting on 750 QPS is a 0.27 s wait
    const need = surgeNeed(input({ arrivalQps: 300, backlog: 200 }));

    // Assess
    expect(need.needed).toBe(true);
    expect(need.worstWaitSeconds).toBeCloseTo(200 / 750, 9);
  });

  it('surges above the maximum utilization even when the fluid queue stays empty', () => {
    // Act: 700 req/s on 750 QPS is 93%: stable in the fluid model, but the M/M/c tail is not
    const need = surgeNeed(input({ arrivalQps: 700 }));

    // Assess
    expect(need.needed).toBe(true);
    expect(need.worstWaitSeconds).toBe(0);
    expect(need.reason).toContain('utilization above 90%');
  });

  it('needs no surge at exactly the maximum utilization and exactly the wait budget', () => {
    // Act
    const atUtilization = surgeNeed(input({ arrivalQps: 675 }));
    const atBudget = surgeNeed(input({ arrivalQps: 300, backlog: 75 }));

    // Assess
    expect(atUtilization.needed).toBe(false);
    expect(atBudget.worstWaitSeconds).toBeCloseTo(0.1, 12);
    expect(atBudget.needed).toBe(false);
  });
});

describe('surgeNeed properties', () => {
  const anyInput = fc.record({
    fulfilledUnits: fc.integer({ min: 0, max: 100_000 }),
    lostUnits: fc.integer({ min: 0, max: 10_000 }),
    arrivalQps: fc.option(fc.double({ min: 0, max: 200_000, noNaN: true }), { nil: undefined }),
    backlog: fc.integer({ min: 0, max: 10_000_000 }),
    leadTimeSeconds: fc.integer({ min: 0, max: 3_600 }),
    waitBudgetSeconds: fc.double({ min: 0, max: 30, noNaN: true }),
    maxUtilization: fc.double({ min: 0.1, max: 1, noNaN: true }),
    surgeWhenDemandUnknown: fc.boolean(),
  });

  it('always needs a surge when the arrival rate is known and no capacity would be left', () => {
    fc.assert(
      fc.property(anyInput, fc.double({ min: 0, max: 1_000, noNaN: true }), (i, qps) => {
        const need = surgeNeed({ ...i, arrivalQps: qps, lostUnits: i.fulfilledUnits + i.lostUnits });
        expect(need.needed).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never reports a negative wait, and gives a reason for every answer', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const need = surgeNeed(i);
        expect(need.reason.length).toBeGreaterThan(0);
        if (need.worstWaitSeconds !== undefined) expect(need.worstWaitSeconds).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone: more arrivals, backlog, loss or lead time never turn a needed surge into none', () => {
    const more = fc.record({
      arrivalQps: fc.double({ min: 0, max: 10_000, noNaN: true }),
      backlog: fc.integer({ min: 0, max: 100_000 }),
      lostUnits: fc.integer({ min: 0, max: 1_000 }),
      leadTimeSeconds: fc.integer({ min: 0, max: 600 }),
    });
    fc.assert(
      fc.property(anyInput, more, (i, extra) => {
        const before = surgeNeed(i);
        const after = surgeNeed({
          ...i,
          arrivalQps: i.arrivalQps === undefined ? undefined : i.arrivalQps + extra.arrivalQps,
          backlog: i.backlog + extra.backlog,
          lostUnits: i.lostUnits + extra.lostUnits,
          leadTimeSeconds: i.leadTimeSeconds + extra.leadTimeSeconds,
        });
        if (before.needed) expect(after.needed).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
