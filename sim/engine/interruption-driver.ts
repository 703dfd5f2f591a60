/**
 * Spot interruptions in the run: draws each Spot launch's fate (or replays given times), then at the right
 * moments sends the rebalance recommendation, the 2-minute warning, terminates the instance and sends its
 * state changes, as EventBridge would.
 */
import type { InMemoryFleet } from '../../layers/twins/in-memory-fleet';
import type { InterruptionModel } from '../model/market';
import type { Policy } from '../model/policy';
import type { TimelineEvent } from '../model/report';
import type { ReplayedInterruption } from '../market/interruption-replay';
import { rebalanceEvent, spotWarningEvent, stateChangeEvent, type EventContext } from './aws-events';
import type { EventHeap, ScheduledEvent } from './event-heap';
import type { FleetMirror, MirrorChanges, TrackedInstance } from './fleet-mirror';

const WARNING_LEAD_MS = 120_000;
/** EC2 reports `shutting-down` at the interruption and `terminated` about a minute later. */
const TERMINATED_AFTER_MS = 60_000;

export interface InterruptionDriverOptions {
  heap: EventHeap;
  fleet: InMemoryFleet;
  mirror: FleetMirror;
  policy: Policy;
  interruptions: InterruptionModel | ReplayedInterruption[];
  endMs: number;
  context: EventContext;
  timeline: TimelineEvent[];
}

export class InterruptionDriver {
  interruptions = 0;
  private readonly model: InterruptionModel | undefined;

  constructor(private readonly o: InterruptionDriverOptions) {
    if (Array.isArray(o.interruptions)) {
      this.model = undefined;
      for (const r of o.interruptions) {
        o.heap.push({
          atMs: r.atMs - WARNING_LEAD_MS,
          kind: 'replay-warning',
          instanceId: '',
          ...(r.instanceType ? { instanceType: r.instanceType } : {}),
          ...(r.availabilityZone ? { availabilityZone: r.availabilityZone } : {}),
        });
      }
    } else {
      this.model = o.interruptions;
    }
  }

  /** Draw the fate of each Spot instance just launched. */
  register(changes: MirrorChanges, nowMs: number): void {
    if (!this.model) return;
    for (const i of changes.launched) {
      if (i.market !== 'spot') continue;
      const draw = this.model.draw({ instanceId: i.instanceId, instanceType: i.instanceType, availabilityZone: i.availabilityZone, launchMs: Math.max(nowMs, i.billFromMs) }, this.o.endMs);
      if (!draw) continue;
      const warnAt = draw.interruptAtMs - WARNING_LEAD_MS;
      if (draw.rebalanceAtMs !== undefined && draw.rebalanceAtMs < warnAt) this.o.heap.push({ atMs: draw.rebalanceAtMs, kind: 'rebalance', instanceId: i.instanceId });
      else this.o.heap.push({ atMs: warnAt, kind: 'rebalance', instanceId: i.instanceId });
      this.o.heap.push({ atMs: warnAt, kind: 'warning', instanceId: i.instanceId });
      this.o.heap.push({ atMs: draw.interruptAtMs, kind: 'interrupt', instanceId: i.instanceId });
    }
  }

  /** Fire every event due by `nowMs`; `onAbruptEnd` is told of instances that died holding work. */
  async fireDue(nowMs: number, onAbruptEnd: (i: TrackedInstance) => void): Promise<void> {
    for (let e = this.o.heap.popDue(nowMs); e; e = this.o.heap.popDue(nowMs)) await this.fire(e, onAbruptEnd);
  }

  private live(instanceId: string): TrackedInstance | undefined {
    const i = this.o.mirror.instances.get(instanceId);
    return i && i.endMs === undefined ? i : undefined;
  }

  private async send(event: unknown, atMs: number): Promise<void> {
    if (this.o.policy.onEvent) await this.o.policy.onEvent(event, atMs);
  }

  private async fire(e: ScheduledEvent, onAbruptEnd: (i: TrackedInstance) => void): Promise<void> {
    const { context, timeline } = this.o;
    if (e.kind === 'replay-warning') {
      const victim = [...this.o.mirror.instances.values()]
        .filter((i) => i.endMs === undefined && i.market === 'spot' && (!e.instanceType || i.instanceType === e.instanceType) && (!e.availabilityZone || i.availabilityZone === e.availabilityZone))
        .sort((a, b) => a.billFromMs - b.billFromMs)[0];
      if (!victim) return;
      this.o.heap.push({ atMs: e.atMs, kind: 'warning', instanceId: victim.instanceId });
      this.o.heap.push({ atMs: e.atMs + WARNING_LEAD_MS, kind: 'interrupt', instanceId: victim.instanceId });
      return;
    }
    const instance = this.live(e.instanceId);
    if (e.kind === 'terminated') {
      await this.send(stateChangeEvent(context, this.o.mirror.instances.get(e.instanceId) ?? { instanceId: e.instanceId, availabilityZone: '' }, 'terminated', e.atMs), e.atMs);
      return;
    }
    if (!instance) return;
    if (e.kind === 'rebalance') {
      timeline.push({ tMs: e.atMs, kind: 'rebalance-recommendation', detail: `${instance.instanceId} (${instance.instanceType}, ${instance.availabilityZone})` });
      await this.send(rebalanceEvent(context, instance, e.atMs), e.atMs);
    } else if (e.kind === 'warning') {
      // EC2 decided the interruption: it counts even if the fleet ends the instance first (a scale-in).
      this.interruptions += 1;
      timeline.push({ tMs: e.atMs, kind: 'interruption-warning', detail: `${instance.instanceId} (${instance.instanceType}, ${instance.availabilityZone})` });
      await this.send(spotWarningEvent(context, instance, e.atMs), e.atMs);
    } else if (e.kind === 'interrupt') {
      this.o.fleet.terminate(instance.instanceId, e.atMs);
      timeline.push({ tMs: e.atMs, kind: 'interruption', detail: `${instance.instanceId} (${instance.instanceType}, ${instance.availabilityZone})${instance.drained ? ', drained' : ''}` });
      onAbruptEnd(instance);
      this.o.heap.push({ atMs: e.atMs + TERMINATED_AFTER_MS, kind: 'terminated', instanceId: instance.instanceId });
      await this.send(stateChangeEvent(context, instance, 'shutting-down', e.atMs), e.atMs);
    }
  }
}
