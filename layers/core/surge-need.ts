/** Would losing an instance push the queue's wait past the fleet's SLO before a replacement can serve? */

export interface SurgeNeedInput {
  /** Capacity units (QPS at SLO) the fleet serves with now. */
  fulfilledUnits: number;
  /** Units leaving with the instance(s) at risk. */
  lostUnits: number;
  /** Arrival rate (requests/s); undefined when no metric is available. */
  arrivalQps: number | undefined;
  /** Messages waiting in the fleet's queue(s). */
  backlog: number;
  /** Until a replacement serves, seconds. */
  leadTimeSeconds: number;
  /** How long a request may wait in the queue and still meet the SLO, seconds. */
  waitBudgetSeconds: number;
  /** Above this utilization of the remaining capacity the queue wait is unstable (M/M/c tail grows fast). */
  maxUtilization: number;
  /** What to answer when the arrival rate is unknown. */
  surgeWhenDemandUnknown: boolean;
}

export interface SurgeNeed {
  needed: boolean;
  reason: string;
  /** Worst queue wait over the lead time without a surge, seconds (Infinity when nothing is left). */
  worstWaitSeconds?: number;
}

const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : 'unbounded');

/**
 * A fluid model of the queue over the lead time: the backlog grows (or drains) at arrival minus remaining
 * capacity, and the newest request waits backlog / capacity. The worst point is at the start or at the end.
 *
 * @example
 * surgeNeed({ fulfilledUnits: 1000, lostUnits: 250, arrivalQps: 900, backlog: 0, leadTimeSeconds: 420,
 *   waitBudgetSeconds: 0.1, maxUtilization: 0.9, surgeWhenDemandUnknown: true }).needed // true
 */
export const surgeNeed = (input: SurgeNeedInput): SurgeNeed => {
  const remaining = input.fulfilledUnits - input.lostUnits;
  if (input.arrivalQps === undefined) {
    return {
      needed: input.surgeWhenDemandUnknown,
      reason: input.surgeWhenDemandUnknown
        ? 'arrival rate unknown (no queue metric): replacing the lost capacity to be safe'
        : 'arrival rate unknown (no queue metric) and the fleet is set not to surge without one',
    };
  }
  if (remaining <= 0) {
    return { needed: true, worstWaitSeconds: Infinity, reason: 'no capacity would be left to serve the queue' };
  }
  const lambda = input.arrivalQps;
  const backlogAtEnd = Math.max(0, input.backlog + (lambda - remaining) * input.leadTimeSeconds);
  const worstWait = Math.max(input.backlog, backlogAtEnd) / remaining;
  const utilization = lambda / remaining;
  const detail =
    `${fmt(lambda)} req/s on ${fmt(remaining)} QPS left (utilization ${(utilization * 100).toFixed(0)}%), ` +
    `backlog ${input.backlog}, worst queue wait ${fmt(worstWait)} s over the ${input.leadTimeSeconds} s lead time ` +
    `(budget ${fmt(input.waitBudgetSeconds)} s)`;
  if (worstWait > input.waitBudgetSeconds) {
    return { needed: true, worstWaitSeconds: worstWait, reason: `SLO at risk: ${detail}` };
  }
  if (utilization > input.maxUtilization) {
    return { needed: true, worstWaitSeconds: worstWait, reason: `SLO at risk (utilization above ${input.maxUtilization * 100}%): ${detail}` };
  }
  return { needed: false, worstWaitSeconds: worstWait, reason: `no surge needed: ${detail}` };
};
