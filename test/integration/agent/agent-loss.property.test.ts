// The loss property of the agent's drain, on twins and a virtual clock: no request is ever lost; duplicates are explained.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAgentScenario, type ScenarioResult } from './agent-property-world';
import { scenarioArbitrary } from './scenario-params';

// About 20 ms a run: 150 runs keep the file to a few seconds.
const RUNS = 150;
const COUNTED = ['sent', 'served', 'queued', 'lost', 'released', 'duplicates', 'notices', 'releasesAfterDeadline', 'staleDeliveries', 'deleteFailures', 'stranded'] as const;
const totals: Record<(typeof COUNTED)[number] | 'runs' | 'lost' | 'dlqPoison' | 'dlqOther', number> = {
  runs: 0, sent: 0, served: 0, queued: 0, lost: 0, dlqPoison: 0, dlqOther: 0, released: 0, duplicates: 0, notices: 0,
  releasesAfterDeadline: 0, staleDeliveries: 0, deleteFailures: 0, stranded: 0,
};
const add = (result: ScenarioResult): void => {
  totals.runs += 1;
  for (const key of COUNTED) totals[key] += result[key];
  totals.dlqPoison += result.dlqMessages.filter((d) => d.poison).length;
  totals.dlqOther += result.dlqMessages.filter((d) => !d.poison).length;
};

describe('the agent across interruptions and failures (property)', () => {
  it('loses no request: each is served, still queued, or in the DLQ with a stated reason; duplicates come only from late releases or stale results', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(), async (params) => {
        // Act
        const result = await runAgentScenario(params);
        add(result);

        // Assess
        expect(result.lostIds).toEqual([]);
        expect(result.served + result.queued + result.dlq).toBe(result.sent);
        expect(result.dlqMessages.filter((d) => d.reasons.length === 0)).toEqual([]);
        expect(result.stranded).toBe(0);
        expect(result.duplicates).toBeLessThanOrEqual(result.releasesAfterDeadline + result.staleDeliveries);
        if (params.secondAgentAtMs !== undefined) expect(result.queued).toBe(0);
        // With room for one long poll and the margin, the drain is over before the deadline, and, unless SQS refused
        // its releases, nothing is left for the deadline to strand.
        if (params.interruption.noticeSeconds >= 40) {
          expect(result.drain).toMatchObject({ acknowledgedBeforeDeadline: true, endedByDeadline: true });
          if (!params.sqsThrottles.some((t) => t.host === 0)) expect(result.drain.heldAtDeadline).toBe(0);
        }
      }),
      { numRuns: RUNS, seed: 20_260_314, endOnFailure: true },
    );

    // Assess
    console.info('agent loss property totals', totals);
    expect(totals).toMatchObject({ runs: RUNS, lost: 0, stranded: 0 });
  });
});
