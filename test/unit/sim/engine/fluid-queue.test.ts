// FluidQueue: FIFO service, waits in whole steps, the SLO's wait budget, retention, takeBack, percentiles, compaction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FluidQueue } from '../../../../sim/engine/fluid-queue';

describe('FluidQueue service', () => {
  it('serves the oldest cohort first and splits a cohort when capacity runs out inside it', () => {
    // Prepare
    const queue = new FluidQueue(1, 100);
    queue.push(0, 10);
    queue.push(1, 20);
    queue.push(2, 30);
    // Act
    const first = queue.serve(2, 25);
    const second = queue.serve(3, 100);
    // Assess: 10 from step 0 (wait 2, late), 15 from step 1 (wait 1); then 5 from step 1 (wait 2), 30 from step 2 (wait 1)
    expect(first).toEqual({ served: 25, withinSlo: 15 });
    expect(second).toEqual({ served: 35, withinSlo: 30 });
    expect(queue.backlog).toBe(0);
    expect({ arrived: queue.arrived, served: queue.served, servedWithinSlo: queue.servedWithinSlo }).toEqual({ arrived: 60, served: 60, servedWithinSlo: 45 });
  });

  it('merges requests pushed twice in one step into one cohort and counts a request served in its own step as waiting 0 steps', () => {
    // Prepare
    const queue = new FluidQueue(0, 100);
    queue.push(4, 3);
    queue.push(4, 2);
    // Act
    const result = queue.serve(4, 10);
    // Assess
    expect(result).toEqual({ served: 5, withinSlo: 5 });
    expect(queue.waitPercentileSteps(100)).toBe(0);
  });

  it('counts within the SLO only what waited at most maxWaitSteps', () => {
    // Prepare: a budget of 2 steps
    const queue = new FluidQueue(2, 100);
    queue.push(0, 1);
    queue.push(1, 1);
    queue.push(2, 1);
    // Act: served at step 3, they waited 3, 2 and 1 steps
    const result = queue.serve(3, 3);
    // Assess
    expect(result).toEqual({ served: 3, withinSlo: 2 });
  });

  it('reports the age of the oldest waiting request, and 0 when empty', () => {
    const queue = new FluidQueue(0, 100);
    queue.push(3, 5);
    expect(queue.oldestWaitSteps(10)).toBe(7);
    queue.serve(10, 5);
    expect(queue.oldestWaitSteps(11)).toBe(0);
  });
});

describe('FluidQueue retention', () => {
  it('loses requests that waited longer than the retention, and keeps those at exactly the retention', () => {
    // Prepare: retention of 3 steps
    const queue = new FluidQueue(0, 3);
    queue.push(0, 10);
    queue.push(1, 4);
    // Act
    queue.expire(3);
    const keptAtRetention = queue.backlog;
    queue.expire(4);
    // Assess
    expect(keptAtRetention).toBe(14);
    expect(queue.lost).toBe(10);
    expect(queue.backlog).toBe(4);
    expect(queue.arrived).toBe(queue.served + queue.backlog + queue.lost);
  });
});

describe('FluidQueue takeBack', () => {
  it('un-serves held work, never more than was served, and a push back is not a new arrival', () => {
    // Prepare
    const queue = new FluidQueue(0, 100);
    queue.push(0, 10);
    queue.serve(0, 10);
    // Act
    const first = queue.takeBack(4);
    const second = queue.takeBack(100);
    queue.push(3, first + second, false);
    // Assess
    expect([first, second]).toEqual([4, 6]);
    expect(queue.served).toBe(0);
    expect(queue.servedWithinSlo).toBe(0);
    expect(queue.arrived).toBe(10);
    expect(queue.backlog).toBe(10);
  });

  it('takes nothing back from a queue that served nothing', () => {
    const queue = new FluidQueue(0, 100);
    expect(queue.takeBack(5)).toBe(0);
    expect(queue.served).toBe(0);
  });
});

describe('FluidQueue wait percentile', () => {
  it('is the smallest wait that covers p% of the served requests', () => {
    // Prepare: 98 served at once, 1 after 5 steps, 1 after 9 steps
    const queue = new FluidQueue(0, 100);
    queue.push(0, 98);
    queue.serve(0, 98);
    queue.push(1, 1);
    queue.push(2, 1);
    queue.serve(6, 1);
    queue.serve(11, 1);
    // Act / Assess
    expect(queue.waitPercentileSteps(50)).toBe(0);
    expect(queue.waitPercentileSteps(98)).toBe(0);
    expect(queue.waitPercentileSteps(99)).toBe(5);
    expect(queue.waitPercentileSteps(100)).toBe(9);
  });

  it('is 0 when nothing was served', () => {
    expect(new FluidQueue(0, 100).waitPercentileSteps(99)).toBe(0);
  });
});

describe('FluidQueue compaction', () => {
  it('keeps order, counts and waits across thousands of cohorts (several compactions and growths)', () => {
    // Prepare: 3,000 one-request cohorts with nothing served, then half served, then 3,000 more
    const queue = new FluidQueue(0, 1_000_000);
    for (let s = 0; s < 3000; s += 1) queue.push(s, 1);
    // Act
    const half = queue.serve(3000, 1500);
    const oldestAfterHalf = queue.oldestWaitSteps(3000);
    for (let s = 3000; s < 6000; s += 1) {
      queue.push(s, 1);
      queue.serve(s, 0.5);
    }
    const rest = queue.serve(6000, 1e9);
    // Assess: the first half served was steps 0..1499; the oldest left is step 1500; the longest wait is 3,000 steps
    expect(half.served).toBe(1500);
    expect(oldestAfterHalf).toBe(1500);
    expect(queue.served).toBe(6000);
    expect(rest.served).toBe(6000 - 1500 - 1500);
    expect(queue.backlog).toBe(0);
    expect(queue.waitPercentileSteps(100)).toBe(3000);
  });

  it('matches a plain list of cohorts under random pushes, serves and expiries', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), count: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('serve' as const), count: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ kind: fc.constant('expire' as const), count: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 2500 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 400 }), (ops, maxWait, retention) => {
        // Prepare: the reference keeps every cohort in an array
        const queue = new FluidQueue(maxWait, retention);
        const ref: { step: number; left: number }[] = [];
        const totals = { served: 0, within: 0, lost: 0 };
        const waits: { wait: number; count: number }[] = [];
        // Act: one operation per step
        ops.forEach((o, step) => {
          if (o.kind === 'push') {
            queue.push(step, o.count);
            if (o.count > 0) ref.push({ step, left: o.count });
          } else if (o.kind === 'serve') {
            queue.serve(step, o.count);
            let budget = o.count;
            while (budget > 0 && ref.length > 0) {
              const head = ref[0] as { step: number; left: number };
              const take = Math.min(budget, head.left);
              totals.served += take;
              if (step - head.step <= maxWait) totals.within += take;
              if (take > 0) waits.push({ wait: step - head.step, count: take });
              head.left -= take;
              budget -= take;
              if (head.left === 0) ref.shift();
            }
          } else {
            queue.expire(step);
            while (ref.length > 0 && step - (ref[0]?.step ?? step) > retention) totals.lost += ref.shift()?.left ?? 0;
          }
        });
        // Assess
        expect({ served: queue.served, within: queue.servedWithinSlo, lost: queue.lost }).toEqual(totals);
        expect(queue.backlog).toBe(ref.reduce((sum, c) => sum + c.left, 0));
        expect(queue.arrived).toBe(queue.served + queue.backlog + queue.lost);
        waits.sort((a, b) => a.wait - b.wait);
        for (const p of [50, 99]) {
          let seen = 0;
          const expected = waits.find((w) => (seen += w.count) >= (p / 100) * totals.served)?.wait ?? 0;
          expect(queue.waitPercentileSteps(p)).toBe(expected);
        }
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
