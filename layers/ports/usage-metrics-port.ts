/** What the cost report and the audit read from CloudWatch about a fleet's use: requests served, GPU utilization, SLO attainment. */
import { PortError } from './port-error';

/** Thrown when usage metrics cannot be read; `retryable` says whether trying again later may help. */
export class UsageMetricsError extends PortError {
  override readonly name = 'UsageMetricsError';
}

/**
 * Where requests served are counted:
 * - `agent-served`: the worker agent's `Served` EMF count (namespace `GpuFleetAutopilot/Agent`, dimension QueueName),
 *   a request counted once its result is delivered;
 * - `sqs-deleted`: AWS/SQS `NumberOfMessagesDeleted` (dimension QueueName), for fleets whose consumers are not the agent.
 */
export type RequestsSource = 'agent-served' | 'sqs-deleted';

/** A window read on a grid of `periodSeconds` (a multiple of 60): `startMs` inclusive, `endMs` exclusive, both on the grid. */
export interface UsageWindow {
  startMs: number;
  endMs: number;
  periodSeconds: number;
}

/** One period with data: its start and its value. A period CloudWatch has no datapoint for is left out (unknown, not zero). */
export interface UsagePoint {
  atMs: number;
  value: number;
}

/** One period's SLO attainment: the share of requests within the SLO, and how many requests it was measured on. */
export interface SloPoint {
  atMs: number;
  /** 0..100: CloudWatch's `PR(:sloMs)` percentile rank of the end-to-end latency (inclusive upper bound). */
  withinSloPercent: number;
  samples: number;
}

export interface RequestsServedRequest extends UsageWindow {
  /** The fleet's queues, summed (QueueName dimension = the last URL segment). */
  queueUrls: readonly string[];
  source: RequestsSource;
}

export interface GpuUtilizationRequest extends UsageWindow {
  /** The EC2 Fleet id: the CloudWatch agent's fleet-wide roll-up (`CWAgent` nvidia_smi_utilization_gpu, dimension FleetId). */
  fleetId: string;
}

export interface SloAttainmentRequest extends UsageWindow {
  queueUrls: readonly string[];
  /** The fleet's latency objective (queue wait + service time), milliseconds. */
  sloMs: number;
}

/**
 * @example
 * const day = { startMs: Date.UTC(2026, 10, 28), endMs: Date.UTC(2026, 10, 29), periodSeconds: 3600 };
 * const served = await usage.requestsServed({ ...day, queueUrls: fleet.queueUrls, source: 'agent-served' });
 * const gpu = await usage.gpuUtilization({ ...day, fleetId: fleet.fleetId }); // mean % over all the fleet's GPUs per hour
 * const slo = await usage.sloAttainment({ ...day, queueUrls: fleet.queueUrls, sloMs: fleet.sloP99Ms });
 */
export interface UsageMetricsPort {
  /** Requests served per period, summed over the queues (`Sum`), oldest first. @throws UsageMetricsError */
  requestsServed(request: RequestsServedRequest): Promise<UsagePoint[]>;
  /** Mean GPU utilization of the fleet per period (`Average` of the fleet roll-up), percent, oldest first. @throws UsageMetricsError */
  gpuUtilization(request: GpuUtilizationRequest): Promise<UsagePoint[]>;
  /**
   * Share of requests whose end-to-end latency (the agent's `LatencyMs` sample) was within `sloMs`, per period: each
   * queue's `PR(:sloMs)` weighted by its `SampleCount`, oldest first. @throws UsageMetricsError
   */
  sloAttainment(request: SloAttainmentRequest): Promise<SloPoint[]>;
}
