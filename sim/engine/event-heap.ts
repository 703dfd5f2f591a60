/** Future events of a run (interruption notices, terminations), popped in time order. */

export type ScheduledKind = 'rebalance' | 'warning' | 'interrupt' | 'terminated' | 'replay-warning';

export interface ScheduledEvent {
  atMs: number;
  kind: ScheduledKind;
  instanceId: string;
  /** For a replayed interruption: which pool to pick the victim from. */
  instanceType?: string;
  availabilityZone?: string;
}

/** A binary min-heap on `atMs` (ties in insertion order, so runs are deterministic). */
export class EventHeap {
  private items: { event: ScheduledEvent; seq: number }[] = [];
  private seq = 0;

  push(event: ScheduledEvent): void {
    this.items.push({ event, seq: this.seq++ });
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The earliest event due at or before `nowMs`, removed; undefined when none is due. */
  popDue(nowMs: number): ScheduledEvent | undefined {
    const top = this.items[0];
    if (top === undefined || top.event.atMs > nowMs) return undefined;
    const last = this.items.pop() as { event: ScheduledEvent; seq: number };
    if (this.items.length > 0) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.items.length && this.less(l, m)) m = l;
        if (r < this.items.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top.event;
  }

  get size(): number {
    return this.items.length;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a] as { event: ScheduledEvent; seq: number };
    const y = this.items[b] as { event: ScheduledEvent; seq: number };
    return x.event.atMs < y.event.atMs || (x.event.atMs === y.event.atMs && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const t = this.items[a] as { event: ScheduledEvent; seq: number };
    this.items[a] = this.items[b] as { event: ScheduledEvent; seq: number };
    this.items[b] = t;
  }
}
