// EventHeap: due events come out in time order, ties in insertion order, future ones stay in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap, type ScheduledEvent } from '../../../../sim/engine/event-heap';

const anEvent = (atMs: number, instanceId: string): ScheduledEvent => ({ atMs, kind: 'warning', instanceId });

const drain = (heap: EventHeap, nowMs: number): string[] => {
  const out: string[] = [];
  for (let e = heap.popDue(nowMs); e; e = heap.popDue(nowMs)) out.push(e.instanceId);
  return out;
};

describe('EventHeap', () => {
  it('pops due events earliest first and ties in the order they were pushed', () => {
    // Prepare
    const heap = new EventHeap();
    heap.push(anEvent(30, 'c'));
    heap.push(anEvent(10, 'a1'));
    heap.push(anEvent(20, 'b'));
    heap.push(anEvent(10, 'a2'));
    heap.push(anEvent(10, 'a3'));
    // Act
    const popped = drain(heap, 30);
    // Assess
    expect(popped).toEqual(['a1', 'a2', 'a3', 'b', 'c']);
    expect(heap.size).toBe(0);
  });

  it('keeps events that are not due yet, including one exactly 1 ms late', () => {
    // Prepare
    const heap = new EventHeap();
    heap.push(anEvent(100, 'due'));
    heap.push(anEvent(101, 'later'));
    // Act
    const popped = drain(heap, 100);
    // Assess
    expect(popped).toEqual(['due']);
    expect(heap.size).toBe(1);
    expect(heap.popDue(100)).toBeUndefined();
    expect(heap.popDue(101)?.instanceId).toBe('later');
  });

  it('answers undefined when empty', () => {
    expect(new EventHeap().popDue(Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });

  it('pops in the order of a stable sort on time, with pushes interleaved between pops', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 300 }), (script) => {
        // Prepare: each entry pushes an event at a time; some entries then pop what is due at half that time
        const heap = new EventHeap();
        const pending: { atMs: number; id: string }[] = [];
        const popped: string[] = [];
        const expected: string[] = [];
        // Act
        script.forEach(([atMs, pop], n) => {
          heap.push(anEvent(atMs, `e${n}`));
          pending.push({ atMs, id: `e${n}` });
          if (!pop) return;
          const now = Math.floor(atMs / 2);
          popped.push(...drain(heap, now));
          const due = pending.filter((p) => p.atMs <= now).sort((a, b) => a.atMs - b.atMs);
          expected.push(...due.map((p) => p.id));
          pending.splice(0, pending.length, ...pending.filter((p) => p.atMs > now));
        });
        popped.push(...drain(heap, Infinity));
        expected.push(...[...pending].sort((a, b) => a.atMs - b.atMs).map((p) => p.id));
        // Assess
        expect(popped).toEqual(expected);
      }),
      { numRuns: 50, seed: 3 },
    );
  });
});
