/** The worker agent's configuration: one zod schema, defaults sized for Triton beside an SQS work queue. */
import { z } from 'zod';

const seconds = () => z.number().positive();

/**
 * Every setting of the agent. Durations that SQS takes as whole seconds are integers; the agent's own periods
 * (heartbeat, polls, metrics, grace) may be fractional.
 *
 * @example
 * AgentConfigSchema.parse({ queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-work', model: 'bert' });
 */
export const AgentConfigSchema = z
  .object({
    queueUrl: z.url(),
    tritonUrl: z.url().default('http://127.0.0.1:8000'),
    model: z.string().min(1),
    /** Requests in flight at once: size it to Triton's dynamic batching (max batch size x instances). */
    concurrency: z.int().min(1).max(256).default(8),
    /** Messages per ReceiveMessage call (SQS allows 1-10). */
    maxMessages: z.int().min(1).max(10).default(10),
    /** Long polling (SQS allows 0-20 s). */
    waitTimeSeconds: z.int().min(0).max(20).default(20),
    visibilityTimeoutSeconds: z.int().min(1).max(43_200).default(60),
    /** Default: a third of the visibility timeout, so two heartbeats can fail before a message reappears. */
    heartbeatSeconds: seconds().optional(),
    drainOnRebalance: z.boolean().default(false),
    /** Time kept before a drain deadline to hand back unfinished messages and acknowledge. */
    safetyMarginSeconds: z.number().min(0).default(10),
    /** Drain deadline after SIGTERM; systemd's TimeoutStopSec must exceed it. */
    sigtermGraceSeconds: seconds().default(30),
    imdsUrl: z.url().default('http://169.254.169.254'),
    imdsPollSeconds: seconds().default(2),
    tritonReadyPollSeconds: seconds().default(2),
    /** Retries of a request Triton answered 5xx (or 408/429), with exponential backoff from tritonBackoffMs. */
    tritonRetries: z.int().min(0).max(10).default(3),
    tritonBackoffMs: z.int().min(1).max(60_000).default(200),
    tritonTimeoutMs: z.int().positive().default(30_000),
    /** 0 picks a free port (tests). */
    healthPort: z.int().min(0).max(65_535).default(8080),
    replyQueueAttribute: z.string().min(1).default('ReplyQueueUrl'),
    metricsIntervalSeconds: seconds().default(60),
    metricsNamespace: z.string().min(1).max(255).default('GpuFleetAutopilot/Agent'),
    /** AWS region of the SQS and EC2 clients; default: the one in queueUrl. */
    region: z.string().min(1).optional(),
  })
  .strict()
  .transform((c) => ({ ...c, heartbeatSeconds: c.heartbeatSeconds ?? c.visibilityTimeoutSeconds / 3 }))
  .superRefine((c, ctx) => {
    if (c.heartbeatSeconds >= c.visibilityTimeoutSeconds) {
      ctx.addIssue({ code: 'custom', path: ['heartbeatSeconds'], message: `must be below visibilityTimeoutSeconds (${c.visibilityTimeoutSeconds})` });
    }
  });

export type AgentConfig = z.output<typeof AgentConfigSchema>;

/** The agent cannot start with this configuration; the message names every bad field and where it came from. */
export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
  readonly retryable = false;
}

/**
 * Parse the agent's settings. `describeField` says where a field came from (`--concurrency`, `concurrency in
 * agent.yaml`), so the error points at what to fix.
 */
export const parseAgentConfig = (input: Record<string, unknown>, describeField: (field: string) => string = (f) => f): AgentConfig => {
  const parsed = AgentConfigSchema.safeParse(input);
  if (parsed.success) return Object.freeze(parsed.data);
  const lines = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `${issue.keys.map(describeField).join(', ')}: unknown setting`;
    const field = String(issue.path[0] ?? 'config');
    return `${describeField(field)}: ${issue.path.length === 1 && input[field] === undefined ? 'required' : issue.message}`;
  });
  throw new AgentConfigError(`invalid agent configuration:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
};

/** The queue's name (last path segment of its URL): the QueueName dimension of the agent's metrics. */
export const queueNameOf = (queueUrl: string): string => new URL(queueUrl).pathname.split('/').filter(Boolean).pop() ?? queueUrl;

/** The region in an SQS queue URL (`https://sqs.<region>.amazonaws.com/...`), when it has one. */
export const regionOf = (queueUrl: string): string | undefined => /^sqs[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(new URL(queueUrl).hostname)?.[1];
