// One GPU host on real protocols: the agent with its real adapters against local-aws-sqs, the fake IMDS and the fake Triton.
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { runAgent, type AgentResult } from '../../../agent/agent';
import { parseAgentConfig, type AgentConfig } from '../../../agent/agent-config';
import { SqsWorkQueue } from '../../../layers/adapters/aws/sqs-work-queue';
import { ImdsClient } from '../../../layers/adapters/imds/imds-client';
import { systemClock } from '../../../layers/adapters/system-clock';
import { TritonHttpClient } from '../../../layers/adapters/triton/triton-client';
import { RecordingLogger } from '../../../layers/twins/recording-logger';
import { FakeImdsServer } from '../../helpers/fake-imds-server';
import { FakeTritonServer } from '../../helpers/fake-triton-server';
import { startLocalSqs, type LocalSqs } from '../../helpers/local-sqs';
import { ManualSignals } from '../../unit/agent/agent-harness';
import { RecordingHttpProxy } from './recording-http-proxy';

export const MODEL = 'bert-large';
export const INSTANCE_ID = 'i-0fedcba9876543210';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Small real timeouts: a 1 s long poll under a 4 s visibility timeout (the emulator must never see a message's
 * visibility end inside one poll), IMDS and readiness read every 200 ms, a 1 s safety margin.
 */
export const REAL_TIMINGS = {
  waitTimeSeconds: 1,
  visibilityTimeoutSeconds: 4,
  heartbeatSeconds: 1,
  imdsPollSeconds: 0.2,
  tritonReadyPollSeconds: 0.2,
  safetyMarginSeconds: 1,
  sigtermGraceSeconds: 3,
  tritonRetries: 2,
  tritonBackoffMs: 20,
  tritonTimeoutMs: 20_000,
  concurrency: 4,
  healthPort: 0,
  metricsIntervalSeconds: 60,
} as const;

let worlds = 0;

/** The servers, the queues (work with a redrive policy to a DLQ, replies), and the agent's recorded calls. */
export class RealAgentWorld {
  readonly logger = new RecordingLogger();
  readonly signals = new ManualSignals();
  readonly tags: { instanceId: string; tags: Record<string, string>; atMs: number }[] = [];
  readonly metricLines: string[] = [];
  result: AgentResult | undefined;
  endedAtMs: number | undefined;
  private readonly agentSqs: SQSClient;
  private readonly sentIds = new Map<string, string>();

  private constructor(
    private readonly sqsServer: LocalSqs,
    /** The agent's SQS and IMDS traffic goes through these; the test's probes do not. */
    readonly sqsProxy: RecordingHttpProxy,
    readonly imdsProxy: RecordingHttpProxy,
    readonly imds: FakeImdsServer,
    readonly triton: FakeTritonServer,
    readonly probe: SQSClient,
    readonly workUrl: string,
    readonly dlqUrl: string,
    readonly replyUrl: string,
  ) {
    this.agentSqs = new SQSClient({ region: 'us-east-1', endpoint: sqsProxy.url, credentials, maxAttempts: 1 });
  }

  static async start(options: { maxReceiveCount?: number; tritonLatencyMs?: number } = {}): Promise<RealAgentWorld> {
    const sqsServer = await startLocalSqs();
    const [sqsProxy, imds, triton] = await Promise.all([
      RecordingHttpProxy.start(sqsServer.endpoint),
      FakeImdsServer.start({ instanceId: INSTANCE_ID }),
      FakeTritonServer.start({ models: [MODEL], latencyMs: options.tritonLatencyMs ?? 20 }),
    ]);
    const imdsProxy = await RecordingHttpProxy.start(imds.url);
    const probe = new SQSClient({ region: 'us-east-1', endpoint: sqsServer.endpoint, credentials, maxAttempts: 1 });
    const name = `bert-large-${(worlds += 1)}`;
    const create = async (queueName: string, attributes?: Record<string, string>) =>
      (await probe.send(new CreateQueueCommand({ QueueName: queueName, Attributes: attributes }))).QueueUrl ?? '';
    const dlqUrl = await create(`${name}-dlq`);
    const dlqArn = (await probe.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
    const redrive = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceiveCount ?? 3 });
    const workUrl = await create(`${name}-work`, { RedrivePolicy: redrive, VisibilityTimeout: '30' });
    const replyUrl = await create(`${name}-replies`);
    return new RealAgentWorld(sqsServer, sqsProxy, imdsProxy, imds, triton, probe, workUrl, dlqUrl, replyUrl);
  }

  config(overrides: Record<string, unknown> = {}): AgentConfig {
    return parseAgentConfig({ queueUrl: this.workUrl, tritonUrl: this.triton.url, imdsUrl: this.imdsProxy.url, model: MODEL, ...REAL_TIMINGS, ...overrides });
  }

  /** Starts the agent on its real adapters; resolves when it ends. */
  startAgent(overrides: Record<string, unknown> = {}): Promise<AgentResult> {
    const config = this.config(overrides);
    const run = runAgent(config, {
      queue: new SqsWorkQueue({ sqs: this.agentSqs }),
      imds: new ImdsClient({ baseUrl: config.imdsUrl }),
      inference: new TritonHttpClient({ baseUrl: config.tritonUrl, timeoutMs: config.tritonTimeoutMs }),
      tagger: { createTags: async (instanceId, tags) => void this.tags.push({ instanceId, tags, atMs: Date.now() }) },
      clock: systemClock,
      logger: this.logger,
      signals: this.signals,
      emitMetrics: (line) => this.metricLines.push(line),
    });
    void run.then((result) => {
      this.result = result;
      this.endedAtMs = Date.now();
    });
    return run;
  }

  /** Sends a KServe v2 request naming the reply queue, as a fleet's client would; returns its message id. */
  async request(id: string, options: { poison?: boolean } = {}): Promise<string> {
    // A shape that does not match the data: Triton answers 400 for the request itself, whoever sends it.
    const shape = options.poison ? [1, 5] : [1, 4];
    const body = JSON.stringify({ id, inputs: [{ name: 'input_ids', datatype: 'INT64', shape, data: [101, 7592, 2088, 102] }] });
    const sent = await this.probe.send(
      new SendMessageCommand({ QueueUrl: this.workUrl, MessageBody: body, MessageAttributes: { ReplyQueueUrl: { DataType: 'String', StringValue: this.replyUrl } } }),
    );
    const messageId = sent.MessageId ?? '';
    this.sentIds.set(messageId, id);
    return messageId;
  }

  /** The request id a message id was sent with. */
  requestIdOf(messageId: string): string | undefined {
    return this.sentIds.get(messageId);
  }

  /** Takes every visible message of a queue now (short polls, hidden for `hideSeconds`); the reply queue's are deleted. */
  async takeVisible(queueUrl: string, hideSeconds = 60): Promise<Message[]> {
    const taken: Message[] = [];
    for (let emptyPolls = 0; emptyPolls < 2; ) {
      const { Messages = [] } = await this.probe.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: hideSeconds, MessageAttributeNames: ['All'] }),
      );
      emptyPolls = Messages.length === 0 ? emptyPolls + 1 : 0;
      taken.push(...Messages);
      if (queueUrl === this.replyUrl) {
        for (const m of Messages) await this.probe.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    return taken;
  }

  /** ApproximateNumberOfMessages (visible) and ...NotVisible (in flight). */
  async depth(queueUrl = this.workUrl): Promise<{ visible: number; inFlight: number }> {
    const { Attributes = {} } = await this.probe.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return { visible: Number(Attributes.ApproximateNumberOfMessages), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible) };
  }

  logged(message: string) {
    return this.logger.lines.filter((line) => line.message === message);
  }

  /** SIGTERM, then waits for the agent to end. */
  async stopAgent(): Promise<AgentResult | undefined> {
    if (this.result === undefined) this.signals.send('SIGTERM');
    await eventually(() => this.result !== undefined, 'the agent ends after SIGTERM');
    return this.result;
  }

  async stop(): Promise<void> {
    if (this.result === undefined) await this.stopAgent().catch(() => undefined);
    this.agentSqs.destroy();
    this.probe.destroy();
    await Promise.all([this.sqsProxy.stop(), this.imdsProxy.stop(), this.imds.stop(), this.triton.stop()]);
    await this.sqsServer.stop();
  }
}

/** Polls `condition` (real time) until it holds; fails naming what never happened. */
export const eventually = async (condition: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> => {
  const giveUpAt = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
