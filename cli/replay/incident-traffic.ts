/** The fleet's clients on twins: requests sent with a reply queue, replies read back, and the final count. */
import type { InMemoryMetrics } from '../../layers/twins/in-memory-metrics';
import type { InMemoryQueue } from '../../layers/twins/in-memory-queue';

/** One kind of request: ids start with `prefix`, the next one comes `nextGapMs()` after the last. */
export interface RequestStream {
  prefix: string;
  nextGapMs: () => number;
}

/** Where every request sent ended up. `lost` must be 0: sent, yet neither served nor in a queue. */
export interface TrafficTally {
  sent: number;
  /** Distinct requests whose result reached the reply queue. */
  served: number;
  /** Results delivered more than once (a request served twice counts 1). */
  duplicates: number;
  /** Still in the work queue, to be served later. */
  queued: number;
  /** Moved to the dead-letter queue by the redrive policy. */
  deadLettered: number;
  lost: number;
  lostIds: string[];
}

export interface TrafficOptions {
  sqs: InMemoryQueue;
  queueUrl: string;
  replyUrl: string;
  dlqUrl: string;
  streams: RequestStream[];
  startMs: number;
  /** Where the queue's NumberOfMessagesSent goes (the spot-interruption function reads arrivals there). */
  metrics?: InMemoryMetrics;
}

/** The request's id (`q17`, `b3`), read back from a request or a result body. */
export const requestIdOf = (json: string): string => String((JSON.parse(json) as { id?: unknown }).id);

const VISIBILITY_FOR_COUNTING_SECONDS = 43_200;

/**
 * Sends KServe v2 requests (`{"id":...,"inputs":[...]}`) naming the reply queue in the `ReplyQueueUrl` attribute,
 * as the fleet's clients do, and reads the replies as they arrive.
 *
 * @example
 * const traffic = new Traffic({ sqs, queueUrl, replyUrl, dlqUrl, startMs, streams: [{ prefix: 'q', nextGapMs: () => 1000 / 60 }] });
 * traffic.sendDue(clock.nowMs());
 * traffic.collectReplies();
 */
export class Traffic {
  private readonly next: { stream: RequestStream; atMs: number; count: number }[];
  private readonly ids: string[] = [];
  private readonly replies = new Map<string, number>();

  constructor(private readonly options: TrafficOptions) {
    this.next = options.streams.map((stream) => ({ stream, atMs: options.startMs + stream.nextGapMs(), count: 0 }));
  }

  get sent(): number {
    return this.ids.length;
  }

  /** Distinct requests served so far (replies read by `collectReplies`). */
  get served(): number {
    return this.replies.size;
  }

  /** Sends every request due by `nowMs`. */
  sendDue(nowMs: number): void {
    let sent = 0;
    for (const next of this.next) {
      for (; next.atMs <= nowMs; next.atMs += next.stream.nextGapMs()) {
        next.count += 1;
        this.send(`${next.stream.prefix}${next.count}`);
        sent += 1;
      }
    }
    if (sent > 0) this.options.metrics?.put(this.options.queueUrl, nowMs, sent);
  }

  /** Reads (and deletes) every reply waiting in the reply queue. */
  collectReplies(): void {
    const { sqs, replyUrl } = this.options;
    for (let batch = sqs.receive(replyUrl, { maxMessages: 10 }); batch.length > 0; batch = sqs.receive(replyUrl, { maxMessages: 10 })) {
      for (const reply of batch) {
        const id = requestIdOf(reply.body);
        this.replies.set(id, (this.replies.get(id) ?? 0) + 1);
        sqs.delete(replyUrl, reply.receiptHandle);
      }
    }
  }

  /**
   * Accounts for every request sent. Call it once no consumer is left and the visibility timeouts have run out:
   * it reads what is left in the work queue and the DLQ by id.
   */
  tally(): TrafficTally {
    this.collectReplies();
    const queued = this.drainIds(this.options.queueUrl);
    const deadLettered = this.drainIds(this.options.dlqUrl);
    const lostIds = this.ids.filter((id) => !this.replies.has(id) && !queued.has(id) && !deadLettered.has(id));
    let duplicates = 0;
    for (const count of this.replies.values()) duplicates += count - 1;
    return { sent: this.ids.length, served: this.replies.size, duplicates, queued: queued.size, deadLettered: deadLettered.size, lost: lostIds.length, lostIds };
  }

  private send(id: string): void {
    const body = JSON.stringify({ id, inputs: [{ name: 'input_ids', datatype: 'INT64', shape: [1, 4], data: [101, 7592, 2088, 102] }] });
    this.options.sqs.send(this.options.queueUrl, body, { attributes: { ReplyQueueUrl: this.options.replyUrl } });
    this.ids.push(id);
  }

  private drainIds(queueUrl: string): Set<string> {
    const { sqs } = this.options;
    const ids = new Set<string>();
    const read = () => sqs.receive(queueUrl, { maxMessages: 10, visibilityTimeoutSeconds: VISIBILITY_FOR_COUNTING_SECONDS });
    for (let batch = read(); batch.length > 0; batch = read()) for (const message of batch) ids.add(requestIdOf(message.body));
    return ids;
  }
}
