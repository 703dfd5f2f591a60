/** The autopilot's actions, as its ledger records them, put on the report's timeline as they are applied. */
import type { ActionRecord } from '../../layers/ports/ledger-port';
import type { InMemoryLedger } from '../../layers/twins/in-memory-ledger';
import type { TimelineEvent } from '../model/report';

/**
 * Forecast and gpu-alarm changes are scale actions; a capacity change of an incident is a surge (up) or a restore
 * (down); a replacement's surge is a surge, giving its units back a restore.
 */
const timelineKind = (r: ActionRecord): TimelineEvent['kind'] | undefined => {
  if (r.type === 'tag-drain') return 'drain';
  if (r.type === 'rebalance-surge') return 'surge';
  if (r.type === 'rebalance-release' || r.type === 'rebalance-surge-back') return 'restore';
  if (r.type !== 'modify-fleet-capacity') return undefined;
  if (r.after.purpose === 'scale-out' || r.after.purpose === 'scale-in') return 'scale';
  return Number(r.after.totalTargetCapacity) > Number(r.before.totalTargetCapacity) ? 'surge' : 'restore';
};

/** Ledger records that change nothing on the fleet (a plan, an alarm's incident): not counted as actions. */
const RECORDS_ONLY = new Set(['rebalance-plan', 'gpu-alarm-incident', 'context']);

/** Which function made a scale action: the forecast scaler records under `forecast#...`, the gpu-alarm function elsewhere. */
const sourceOf = (r: ActionRecord): string => (r.incidentId.startsWith('forecast#') ? 'forecast' : 'gpu-alarm');

/**
 * Reads the ledger after each invocation and reports the applied actions not seen yet. The ledger lists actions in
 * time order, and a record, once applied, stays: the count of applied ones seen is the cursor.
 */
export class ActionTimeline {
  /** Applied actions that changed the fleet or an instance, seen so far: the policy's action count in the report. */
  applied = 0;
  /** Applied records seen so far (the cursor into the ledger's list). */
  private seen = 0;

  constructor(
    private readonly ledger: InMemoryLedger,
    private readonly timeline: (event: TimelineEvent) => void,
  ) {}

  catchUp(): void {
    const actions = this.ledger.actions().filter((a) => a.status === 'applied');
    for (const a of actions.slice(this.seen)) {
      if (!RECORDS_ONLY.has(a.type)) this.applied += 1;
      const kind = timelineKind(a);
      if (kind === 'scale') this.timeline({ tMs: a.atMs, kind, detail: `${sourceOf(a)} ${String(a.after.purpose)}: target ${String(a.before.totalTargetCapacity)} -> ${String(a.after.totalTargetCapacity)} units` });
      else if (kind) this.timeline({ tMs: a.atMs, kind, detail: `${a.instanceId ?? ''} ${JSON.stringify(a.before)} -> ${JSON.stringify(a.after)}` });
    }
    this.seen = actions.length;
  }
}
