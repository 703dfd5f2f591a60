/** A CostExplorerPort that answers again from a cache what it already fetched: each Cost Explorer request costs $0.01. */
import { costQueryKey, type CostAndUsage, type CostExplorerPort, type CostGroup, type CostQuery } from '../ports/cost-explorer-port';

/** One stored answer: the query's groups and when they were fetched. */
export interface CachedCostAnswer {
  fetchedAtMs: number;
  groups: CostGroup[];
}

/** Where answers are kept, by the query's canonical key (a file per key for the CLI, a Map in tests). */
export interface CostAnswerStore {
  read(key: string): CachedCostAnswer | undefined;
  write(key: string, answer: CachedCostAnswer): void;
}

const DAY_MS = 86_400_000;

export interface CachedCostExplorerOptions {
  /** How long an answer that holds estimated (not final) days is reused, ms (default 6 hours). */
  estimatedMaxAgeMs?: number;
}

/**
 * A final answer (no day estimated, the window over before the day it was fetched) never changes and is reused for
 * good; one that holds estimated days is reused for `estimatedMaxAgeMs`, since Cost Explorer refreshes its figures a
 * few times a day.
 *
 * @example
 * const costs = new CachedCostExplorer(CostExplorerCosts.onAws(), fileStore, systemClock);
 * costs.isCached(query); // true: the next costAndUsage(query) makes no request
 */
export class CachedCostExplorer implements CostExplorerPort {
  private readonly estimatedMaxAgeMs: number;

  constructor(
    private readonly inner: CostExplorerPort,
    private readonly store: CostAnswerStore,
    private readonly clock: { nowMs(): number },
    options: CachedCostExplorerOptions = {},
  ) {
    this.estimatedMaxAgeMs = options.estimatedMaxAgeMs ?? 6 * 3_600_000;
  }

  /** Whether `query` would be answered from the cache (no billed request). */
  isCached(query: CostQuery): boolean {
    const answer = this.store.read(costQueryKey(query));
    return answer !== undefined && this.fresh(query, answer);
  }

  async costAndUsage(query: CostQuery): Promise<CostAndUsage> {
    const key = costQueryKey(query);
    const cached = this.store.read(key);
    if (cached && this.fresh(query, cached)) return { groups: cached.groups, requests: 0 };
    const answer = await this.inner.costAndUsage(query);
    this.store.write(key, { fetchedAtMs: this.clock.nowMs(), groups: answer.groups });
    return answer;
  }

  private fresh(query: CostQuery, answer: CachedCostAnswer): boolean {
    const windowEndedBeforeFetch = Date.parse(`${query.endDay}T00:00:00Z`) + DAY_MS <= answer.fetchedAtMs;
    const final = windowEndedBeforeFetch && !answer.groups.some((g) => g.estimated);
    return final || this.clock.nowMs() - answer.fetchedAtMs < this.estimatedMaxAgeMs;
  }
}
