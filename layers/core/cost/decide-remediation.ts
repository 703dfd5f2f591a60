/** What to do about one attributed fleet's cost anomaly: undo stuck leftovers, scale to need, go back to Spot, or alert. */
import type { FleetConfig } from '../fleet';
import type { ModifyFleetCapacityAction, UntagDrainAction } from '../plan';
import type { TargetParts } from '../rebalancer/market-split';
import type { FleetWindowEvidence, OpenDrain, OpenSurge } from './cost-evidence';
import type { CostRemediationKind, CostRemediationPolicy } from './cost-remediation-policy';

/** What the decision reads about the fleet now. */
export interface FleetCostSnapshot {
  fleet: FleetConfig;
  nowMs: number;
  target: TargetParts;
  /** What the fleet needs now, units (the forecast's lead need, never below the minimum); unknown without a recent forecast. */
  needUnits?: number;
  /** $/hour of one capacity unit at the fleet's cheapest listed type on each market (Spot: unknown without a quote). */
  onDemandUsdPerUnitHour: number;
  spotUsdPerUnitHour?: number;
  /** Whether the fleet's Spot pools are calm enough to go back to (no fallback, no recent interruption), and why. */
  spot: { calm: boolean; why: string };
  evidence: FleetWindowEvidence;
}

export interface CostRemediation {
  fleetId: string;
  kind: CostRemediationKind;
  /** act: run through the guard now; recommend: told in Slack only (tier policy or $/hour ceiling). */
  mode: 'act' | 'recommend';
  reason: string;
  usdPerHourBefore: number;
  usdPerHourAfter: number;
  /** The fleet change for scale-to-need, undo-surge (a lower target) and undo-drain (the drain tags removed). */
  action?: ModifyFleetCapacityAction | UntagDrainAction;
  /** The Spot incident whose leftover is undone. */
  incident?: { incidentId: string; instanceId: string };
  /** For rebalance-to-spot: the request's detail for the rebalancer. */
  rebalanceDetail?: string;
  /** For a lower target: the prices the decision used, so the spend at the target the guard allowed can be told. */
  unitUsdPerHour?: UnitPrices;
}

/** $/hour of one capacity unit on each market (Spot: on-demand's price without a quote). */
export interface UnitPrices {
  onDemand: number;
  spot: number;
}

/** $/hour of a fleet lowered to `total` units: the on-demand part is kept unless the total falls below it (as ModifyFleet does). */
export const spendAtTotal = (prices: UnitPrices, onDemandUnits: number, total: number): number => {
  const onDemand = Math.min(onDemandUnits, total);
  return onDemand * prices.onDemand + (total - onDemand) * prices.spot;
};

const MINUTE_MS = 60_000;
/** A surge still on after this long (and twice the fleet's drain timeout) outlived any interruption it covered. */
const STUCK_SURGE_MIN_MS = 60 * MINUTE_MS;

const money = (usd: number): string => `$${usd.toFixed(2)}/h`;

const unitPricesOf = (s: FleetCostSnapshot): UnitPrices => ({ onDemand: s.onDemandUsdPerUnitHour, spot: s.spotUsdPerUnitHour ?? s.onDemandUsdPerUnitHour });

const spendOf = (s: FleetCostSnapshot, parts: TargetParts): number => parts.onDemand * s.onDemandUsdPerUnitHour + parts.spot * unitPricesOf(s).spot;

/** A lower total keeps the on-demand part unless the total falls below it (as the scalers' ModifyFleet does). */
const lowered = (parts: TargetParts, toTotal: number): TargetParts => {
  const onDemand = Math.min(parts.onDemand, toTotal);
  return { total: toTotal, onDemand, spot: toTotal - onDemand };
};

const smallestStep = (fleet: FleetConfig): number => Math.max(1, Math.min(...Object.values(fleet.capacityUnitsByType).filter((u) => u > 0)));

const capacityAction = (s: FleetCostSnapshot, key: string, from: number, to: number, reason: string): ModifyFleetCapacityAction => ({
  type: 'modify-fleet-capacity', fleetId: s.fleet.fleetId, purpose: 'scale-in', fromTotal: from, toTotal: to, avoidPools: [], idempotencyKey: key, reason,
});

type Draft = Omit<CostRemediation, 'mode'>;

const isStuckSurge = (s: FleetCostSnapshot, surge: OpenSurge): boolean =>
  s.nowMs - surge.atMs >= Math.max(STUCK_SURGE_MIN_MS, 2 * s.fleet.drainTimeoutSeconds * 1000);

const isStuckDrain = (s: FleetCostSnapshot, drain: OpenDrain): boolean => s.nowMs >= drain.deadlineMs + s.fleet.drainTimeoutSeconds * 1000;

/** Undo the stuck surges (lowest target first, never below the minimum), then the stuck drains. */
const undoLeftovers = (s: FleetCostSnapshot, keyOf: (what: string) => string, parts: TargetParts): { drafts: Draft[]; parts: TargetParts } => {
  const drafts: Draft[] = [];
  let current = parts;
  for (const surge of s.evidence.openSurges.filter((x) => isStuckSurge(s, x))) {
    const to = Math.max(s.fleet.minCapacityUnits, current.total - surge.units);
    if (to >= current.total) continue;
    const next = lowered(current, to);
    const reason = `the surge of ${surge.units} units for ${surge.instanceId} (incident ${surge.incidentId}) has been on for ${Math.round((s.nowMs - surge.atMs) / MINUTE_MS)} min: taking it back`;
    drafts.push({
      fleetId: s.fleet.fleetId, kind: 'undo-surge', reason, usdPerHourBefore: spendOf(s, current), usdPerHourAfter: spendOf(s, next),
      action: capacityAction(s, keyOf(`undo-surge#${surge.incidentId}`), current.total, to, reason), unitUsdPerHour: unitPricesOf(s),
      incident: { incidentId: surge.incidentId, instanceId: surge.instanceId },
    });
    current = next;
  }
  for (const drain of s.evidence.openDrains.filter((x) => isStuckDrain(s, x))) {
    const reason = `${drain.instanceId} has been draining (incident ${drain.incidentId}) past its deadline with no interruption: returning it to service`;
    const spend = spendOf(s, current);
    drafts.push({
      fleetId: s.fleet.fleetId, kind: 'undo-drain', reason, usdPerHourBefore: spend, usdPerHourAfter: spend,
      action: { type: 'untag-drain', instanceId: drain.instanceId, incidentId: drain.incidentId, idempotencyKey: keyOf(`undo-drain#${drain.incidentId}`), reason },
      incident: { incidentId: drain.incidentId, instanceId: drain.instanceId },
    });
  }
  return { drafts, parts: current };
};

/**
 * The fleet's remediations, in the order they should run. Stuck Spot-incident leftovers first (a surge on for over an
 * hour, a drain past its deadline), then capacity above the need by at least one instance is scaled to the need, then
 * an on-demand part above the tier's base by at least one instance, with Spot calm, is handed to the rebalancer. Each
 * is `act` when the tier runs its kind hands-off and its $/hour change is within the ceiling, else `recommend`. With
 * nothing to fix, one `alert-only` says why (the evidence goes with it). Pure: the guard applies when acting.
 *
 * @example
 * decideRemediation(snapshot, costRemediationPolicyOf('standard'), 'a1b2c3');
 * // [{ kind: 'scale-to-need', mode: 'act', usdPerHourBefore: 12.1, usdPerHourAfter: 4.84, action: { toTotal: 400, … } }]
 */
export const decideRemediation = (s: FleetCostSnapshot, policy: CostRemediationPolicy, anomalyId: string): CostRemediation[] => {
  const keyOf = (what: string): string => `cost#${anomalyId}#${s.fleet.fleetId}#${what}`;
  const step = smallestStep(s.fleet);
  const { drafts, parts } = undoLeftovers(s, keyOf, s.target);
  let current = parts;
  const notes: string[] = [];
  if (s.needUnits === undefined) notes.push('the need is unknown (no recent forecast, no arrivals observed): capacity left as is');
  else {
    const need = Math.max(s.fleet.minCapacityUnits, Math.ceil(s.needUnits));
    if (current.total - need >= step) {
      const next = lowered(current, need);
      const reason = `target ${current.total} units is ${current.total - need} above the ${need} the fleet needs: scaling to need`;
      drafts.push({ fleetId: s.fleet.fleetId, kind: 'scale-to-need', reason, usdPerHourBefore: spendOf(s, current), usdPerHourAfter: spendOf(s, next), action: capacityAction(s, keyOf('scale-to-need'), current.total, need, reason), unitUsdPerHour: unitPricesOf(s) });
      current = next;
    }
  }
  const base = Math.min(current.total, Math.ceil(s.fleet.onDemandBaseUnits));
  const extraOnDemand = current.onDemand - base;
  if (extraOnDemand >= step && s.spotUsdPerUnitHour !== undefined && s.spotUsdPerUnitHour < s.onDemandUsdPerUnitHour) {
    if (!s.spot.calm) notes.push(`${extraOnDemand} on-demand units above the ${base}-unit base, but Spot is not calm: ${s.spot.why}`);
    else {
      const next = { total: current.total, onDemand: base, spot: current.total - base };
      const detail = `${extraOnDemand} on-demand units above the ${base}-unit base with Spot calm (${s.spot.why}): ${money(spendOf(s, current))} -> ${money(spendOf(s, next))}`;
      drafts.push({ fleetId: s.fleet.fleetId, kind: 'rebalance-to-spot', reason: `asking the rebalancer to move ${detail}`, usdPerHourBefore: spendOf(s, current), usdPerHourAfter: spendOf(s, next), rebalanceDetail: detail });
    }
  }
  if (drafts.length === 0) {
    const spend = spendOf(s, current);
    const why = notes.length > 0 ? notes.join('; ') : 'capacity at need, on-demand at its base, no stuck surge or drain';
    return [{ fleetId: s.fleet.fleetId, kind: 'alert-only', mode: 'recommend', reason: `nothing to undo: ${why}`, usdPerHourBefore: spend, usdPerHourAfter: spend }];
  }
  return drafts.map((d) => {
    const change = Math.abs(d.usdPerHourBefore - d.usdPerHourAfter);
    const handsOff = policy.handsOff.includes(d.kind);
    const capped = change > policy.recommendAboveUsdPerHour;
    const why = !handsOff ? ` (the ${s.fleet.tier} tier only recommends ${d.kind})` : capped ? ` (${money(change)} is above the ${money(policy.recommendAboveUsdPerHour)} hands-off ceiling)` : '';
    return { ...d, mode: handsOff && !capped ? 'act' : 'recommend', reason: `${d.reason}${why}` };
  });
};
