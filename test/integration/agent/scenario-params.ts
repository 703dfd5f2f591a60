// What one agent scenario is made of (arrivals, service times, interruption, failures), and its fast-check arbitrary.
import fc from 'fast-check';
import type { WorkQueueOperation } from '../../../layers/twins/in-memory-work-queue';

/** How the first agent is interrupted; its instance is switched off at the deadline (a power cut, nothing more runs). */
export type InterruptionKind = 'spot' | 'drain-tag' | 'sigterm';

/** Host 0 runs the first agent; host 1 the second (when there is one). Times are ms after the scenario starts. */
export interface ScenarioParams {
  /** Requests entering the work queue; a poison one is a request Triton rejects (400) whoever serves it. */
  arrivals: { atMs: number; poison: boolean }[];
  /** Service times Triton takes, taken in turn by each inference of a host (a timeout past `tritonTimeoutMs`). */
  serviceTimesMs: number[];
  interruption: {
    kind: InterruptionKind;
    atMs: number;
    /** From the notice to the deadline (SIGTERM: the agent's grace period, systemd's TimeoutStopSec). */
    noticeSeconds: number;
  };
  /** When the second agent starts; none: the first agent alone, and what it leaves stays queued. */
  secondAgentAtMs?: number;
  tritonErrorBursts: { host: 0 | 1; atMs: number; count: number; status: 500 | 503 }[];
  notReadyWindows: { host: 0 | 1; fromMs: number; toMs: number }[];
  sqsThrottles: { host: 0 | 1; atMs: number; times: number; operation?: WorkQueueOperation }[];
  /** Agent settings both agents share (the rest are the production defaults). */
  concurrency: number;
}

const host = fc.constantFrom<0 | 1>(0, 1);
const OPERATIONS: WorkQueueOperation[] = ['receive', 'delete', 'changeVisibilityBatch', 'send'];

/**
 * Scenarios of about five minutes of virtual time: up to 40 requests over the first 4 minutes, service times from
 * 50 ms to 45 s (a few past the 30 s Triton timeout), one interruption in the first 3 minutes with 5 s to 2 min of
 * notice, and failures sprinkled over the same span.
 */
export const scenarioArbitrary = (): fc.Arbitrary<ScenarioParams> =>
  fc.record({
    arrivals: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 240_000 }), poison: fc.integer({ min: 0, max: 11 }).map((n) => n === 0) }), { minLength: 1, maxLength: 40 }),
    serviceTimesMs: fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 50, max: 5_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 45_000 }) }), {
      minLength: 1,
      maxLength: 12,
    }),
    interruption: fc.record({
      kind: fc.constantFrom<InterruptionKind>('spot', 'drain-tag', 'sigterm'),
      // From 1 s: the agent is up and listening for SIGTERM (before, the process would simply die, holding nothing).
      atMs: fc.integer({ min: 1_000, max: 180_000 }),
      noticeSeconds: fc.oneof(fc.constant(120), fc.integer({ min: 5, max: 120 })),
    }),
    secondAgentAtMs: fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: undefined, freq: 6 }),
    tritonErrorBursts: fc.array(fc.record({ host, atMs: fc.integer({ min: 0, max: 240_000 }), count: fc.integer({ min: 1, max: 6 }), status: fc.constantFrom<500 | 503>(500, 503) }), {
      maxLength: 3,
    }),
    notReadyWindows: fc.array(
      fc.record({ host, fromMs: fc.integer({ min: 0, max: 240_000 }), lengthMs: fc.integer({ min: 1_000, max: 40_000 }) }).map(({ host: h, fromMs, lengthMs }) => ({ host: h, fromMs, toMs: fromMs + lengthMs })),
      { maxLength: 2 },
    ),
    sqsThrottles: fc.array(
      fc.record({ host, atMs: fc.integer({ min: 0, max: 240_000 }), times: fc.integer({ min: 1, max: 4 }), operation: fc.option(fc.constantFrom(...OPERATIONS), { nil: undefined }) }),
      { maxLength: 3 },
    ),
    concurrency: fc.integer({ min: 1, max: 8 }),
  });
