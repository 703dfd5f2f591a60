/** Cost Explorer answers kept on disk, one JSON file per query (named by the hash of its canonical key). */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CachedCostAnswer, CostAnswerStore } from '../../layers/adapters/cached-cost-explorer';

const fileOf = (dir: string, key: string): string => join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);

/**
 * A file that cannot be read or parsed, or that holds another key, is a miss: the worst a damaged cache can cost is
 * one more request.
 */
export const fileAnswerStore = (dir: string): CostAnswerStore => ({
  read(key: string): CachedCostAnswer | undefined {
    try {
      const stored = JSON.parse(readFileSync(fileOf(dir, key), 'utf8')) as { key?: unknown; fetchedAtMs?: unknown; groups?: unknown };
      if (stored.key !== key || typeof stored.fetchedAtMs !== 'number' || !Array.isArray(stored.groups)) return undefined;
      return { fetchedAtMs: stored.fetchedAtMs, groups: stored.groups as CachedCostAnswer['groups'] };
    } catch {
      return undefined;
    }
  },
  write(key: string, answer: CachedCostAnswer): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(fileOf(dir, key), `${JSON.stringify({ key, ...answer })}\n`);
  },
});
