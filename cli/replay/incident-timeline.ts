/** What the incident replay saw, in time order: the handler's actions, EC2's launches, and each agent's drain. */
import type { InstanceView } from '../../layers/core/observed';
import type { ActionRecord } from '../../layers/ports/ledger-port';
import type { GpuHost } from './incident-host';

export type TimelineKind =
  | 'notice'
  | 'follow-up-fired'
  | 'surge'
  | 'follow-up-scheduled'
  | 'replacement-launched'
  | 'replacement-running'
  | 'replacement-serving'
  | 'drain-tag'
  | 'drain-started'
  | 'agent-notice'
  | 'drain-finished'
  | 'handed-back'
  | 'agent-exited'
  | 'sigterm'
  | 'terminated'
  | 'surge-undone'
  | 'handler-error'
  | 'end';

export interface TimelineEntry {
  atMs: number;
  kind: TimelineKind;
  text: string;
}

/** Per host: how far its log was read, and what was already told about it. */
interface HostWatch {
  lineIndex: number;
  inFlightAtDrain?: number;
  serving: boolean;
  exited: boolean;
}

const iso = (value: unknown): string => (typeof value === 'string' ? value.slice(11, 19) : String(value));

/**
 * Collects the timeline. It only reads: the handler's ledger records, the fleet twin's instances and the
 * agents' own log lines (with the in-flight count each line was written at).
 */
export class IncidentTimeline {
  readonly entries: TimelineEntry[] = [];
  private readonly hosts = new Map<string, HostWatch>();
  private readonly instancesSeen = new Set<string>();

  add(atMs: number, kind: TimelineKind, text: string): void {
    this.entries.push({ atMs, kind, text });
  }

  /** The instances the fleet had before the incident (not replacements). */
  knowInstances(ids: string[]): void {
    for (const id of ids) this.instancesSeen.add(id);
  }

  /** Entries for what one handler invocation wrote to the ledger. */
  actions(atMs: number, records: ActionRecord[]): void {
    for (const r of records) {
      const status = r.status === 'applied' ? '' : ` [${r.status}${r.error ? `: ${r.error}` : ''}]`;
      if (r.type === 'modify-fleet-capacity') {
        const restore = r.idempotencyKey.endsWith(':restore');
        const change = `fleet target ${String(r.before.totalTargetCapacity)} -> ${String(r.after.totalTargetCapacity)} units`;
        this.add(atMs, restore ? 'surge-undone' : 'surge', `${restore ? 'surge undone' : 'surge'}: ${change}${status}`);
      } else if (r.type === 'tag-drain') {
        this.add(atMs, 'drain-tag', `drain tag on ${r.instanceId}: autopilot:drain = ${String(r.after.drainDeadline)}${status}`);
      } else if (r.type === 'untag-drain') {
        this.add(atMs, 'drain-tag', `drain tag removed from ${r.instanceId}${status}`);
      } else if (r.type === 'schedule-follow-up') {
        this.add(atMs, 'follow-up-scheduled', `follow-up ${String(r.after.purpose)} scheduled for ${iso(r.after.at)}Z${status}`);
      }
    }
  }

  /** Instances EC2 launched since the last look (the surge's replacement). */
  observeFleet(atMs: number, instances: InstanceView[]): void {
    for (const i of instances) {
      if (this.instancesSeen.has(i.instanceId)) continue;
      this.instancesSeen.add(i.instanceId);
      this.add(atMs, 'replacement-launched', `EC2 Fleet launches ${i.instanceId} (${i.instanceType}, ${i.availabilityZone}, ${i.market}): ${i.state}`);
    }
  }

  /** A host's agent started on an instance that just came up. */
  hostStarted(atMs: number, host: GpuHost): void {
    this.add(atMs, 'replacement-running', `${host.instanceId} running: its agent starts (Triton loads the model)`);
  }

  /** What the agents logged since the last look: drains, acknowledgements, exits, first requests served. */
  observeHosts(atMs: number, hosts: GpuHost[], replacements: ReadonlySet<string>): void {
    for (const host of hosts) {
      const watch = this.hosts.get(host.instanceId) ?? { lineIndex: 0, serving: false, exited: false };
      this.hosts.set(host.instanceId, watch);
      for (; watch.lineIndex < host.lines.length; watch.lineIndex += 1) this.line(host, watch, watch.lineIndex);
      if (!watch.serving && replacements.has(host.instanceId) && host.triton.served > 0) {
        watch.serving = true;
        this.add(atMs, 'replacement-serving', `replacement ${host.instanceId} serving (first result delivered)`);
      }
    }
  }

  private line(host: GpuHost, watch: HostWatch, index: number): void {
    const line = host.lines[index];
    if (!line) return;
    const who = `agent on ${host.instanceId}`;
    const { extra } = line;
    if (line.message === 'drain notice' && extra.state === 'serving') {
      watch.inFlightAtDrain = line.inFlight;
      this.add(line.atMs, 'drain-started', `${who}: drain started (${String(extra.source)}, deadline ${iso(extra.deadline)}Z); stops receiving with ${line.inFlight} messages in flight`);
    } else if (line.message === 'drain notice') {
      this.add(line.atMs, 'agent-notice', `${who}: also notified by ${String(extra.source)} (deadline ${iso(extra.deadline)}Z)`);
    } else if (line.message === 'drained and acknowledged') {
      const released = Number(extra.released ?? 0);
      const held = watch.inFlightAtDrain ?? released;
      this.add(line.atMs, 'drain-finished', `${who}: of ${held} in flight, ${held - released} finished, ${released} released (ChangeMessageVisibilityBatch 0); tagged autopilot:drained`);
    } else if (line.message === 'poll answered after receiving paused; handing its messages back') {
      this.add(line.atMs, 'handed-back', `${who}: ${String(extra.messages)} messages from a poll answered after the pause handed straight back`);
    } else if (line.message === 'agent stopped' && !watch.exited) {
      watch.exited = true;
      this.add(line.atMs, 'agent-exited', `${who} exited ${String(extra.exitCode)} (served ${String(extra.served)}, released ${String(extra.released)})`);
    }
  }
}
