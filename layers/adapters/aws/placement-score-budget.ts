/** Keeps GetSpotPlacementScores within its documented limits: few new request configurations a day, answers reused a while. */
import type { PlacementScore } from '../../core/rebalance/market-data';

const DAY_MS = 86_400_000;

/**
 * EC2 may refuse new request configurations for 24 hours once an account asks for too many (the user guide's
 * "Request configurations limit"; asking again for one already used stays allowed). This remembers when each
 * configuration was first asked for, allows at most `maxNewPerDay` new ones in any 24 hours, and keeps each answer
 * for `reuseMs` so repeated triggers (an alarm, then an interruption) do not ask twice. Per process: a Lambda
 * container forgets it on a cold start, which only makes it more cautious than needed, never less.
 */
export class PlacementScoreBudget {
  private readonly firstAsked = new Map<string, number>();
  private readonly answers = new Map<string, { atMs: number; scores: PlacementScore[] }>();

  constructor(
    private readonly maxNewPerDay: number,
    private readonly reuseMs: number,
  ) {}

  /** A fresh enough answer to the same configuration, if any. */
  cached(configuration: string, nowMs: number): PlacementScore[] | undefined {
    const answer = this.answers.get(configuration);
    return answer && nowMs - answer.atMs < this.reuseMs ? answer.scores.map((s) => ({ ...s })) : undefined;
  }

  /** Whether this configuration may be asked now (one already asked within 24 hours always may); records it. */
  admit(configuration: string, nowMs: number): boolean {
    for (const [key, atMs] of this.firstAsked) if (nowMs - atMs >= DAY_MS) this.firstAsked.delete(key);
    if (this.firstAsked.has(configuration)) return true;
    if (this.firstAsked.size >= this.maxNewPerDay) return false;
    this.firstAsked.set(configuration, nowMs);
    return true;
  }

  remember(configuration: string, nowMs: number, scores: PlacementScore[]): void {
    this.answers.set(configuration, { atMs: nowMs, scores: scores.map((s) => ({ ...s })) });
  }
}
