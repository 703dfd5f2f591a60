/** The agent's metrics: counted as work happens, written as CloudWatch EMF lines every interval and at exit. */
import { emfDocuments, type EmfContext } from './emf';

/**
 * - Received: messages taken from the queue.
 * - Served: results delivered (or, with no reply queue named, computed) and the message deleted.
 * - Released: messages handed back for another consumer (drain, Triton not ready, Triton failure, delivery failure).
 * - Failed: requests Triton or the reply queue failed after the retries (each is also Released).
 * - PoisonReleased: requests Triton rejected as invalid (4xx), handed back toward the DLQ through the redrive policy.
 * - QueueWaitMs: from SentTimestamp to receive; ServiceTimeMs: from receive to delete.
 * - LatencyMs: a served request's end-to-end time, from SentTimestamp to delete (its QueueWaitMs + ServiceTimeMs);
 *   the cost report's SLO attainment reads its `PR(:sloMs)` (layers/adapters/aws/cloudwatch-usage-metrics.ts).
 * - InFlight: messages held at the time of the line.
 */
export const AGENT_COUNTS = ['Received', 'Served', 'Released', 'Failed', 'PoisonReleased'] as const;
export type AgentCount = (typeof AGENT_COUNTS)[number];

export class AgentMetrics {
  private counts = AgentMetrics.zero();
  private queueWaitMs: number[] = [];
  private serviceTimeMs: number[] = [];
  private latencyMs: number[] = [];
  private readonly totals = AgentMetrics.zero();

  count(name: AgentCount, n = 1): void {
    this.counts[name] += n;
    this.totals[name] += n;
  }

  received(queueWaitMs: number): void {
    this.count('Received');
    this.queueWaitMs.push(Math.max(0, queueWaitMs));
  }

  /**
   * A request served. The latency is the sum of the two samples as written (a queue wait below zero, from the
   * instance clock lagging SQS's, counts as zero), so LatencyMs always equals QueueWaitMs + ServiceTimeMs.
   */
  served(timing: { queueWaitMs: number; serviceTimeMs: number }): void {
    this.count('Served');
    const serviceTimeMs = Math.max(0, timing.serviceTimeMs);
    this.serviceTimeMs.push(serviceTimeMs);
    this.latencyMs.push(Math.max(0, timing.queueWaitMs) + serviceTimeMs);
  }

  /** Counts since the agent started (for logs and tests; the EMF lines carry per-interval counts). */
  total(name: AgentCount): number {
    return this.totals[name];
  }

  /** The interval's EMF lines (JSON text); the interval's counts and samples start again from zero. */
  flush(context: EmfContext & { inFlight: number }): string[] {
    const { inFlight, ...emf } = context;
    const samples: Record<string, number[]> = {};
    if (this.queueWaitMs.length > 0) samples.QueueWaitMs = this.queueWaitMs;
    if (this.serviceTimeMs.length > 0) samples.ServiceTimeMs = this.serviceTimeMs;
    if (this.latencyMs.length > 0) samples.LatencyMs = this.latencyMs;
    const documents = emfDocuments({ counts: { ...this.counts }, samples, gauges: { InFlight: inFlight } }, emf);
    this.counts = AgentMetrics.zero();
    this.queueWaitMs = [];
    this.serviceTimeMs = [];
    this.latencyMs = [];
    return documents.map((document) => JSON.stringify(document));
  }

  private static zero(): Record<AgentCount, number> {
    return { Received: 0, Served: 0, Released: 0, Failed: 0, PoisonReleased: 0 };
  }
}
