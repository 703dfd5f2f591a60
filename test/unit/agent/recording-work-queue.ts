// A call recorder over the work-queue twin: every call the agent makes, with its time, handles and visibility.
import type { ClockPort } from '../../../layers/ports/clock-port';
import type { ReceiveRequest, WorkMessage, WorkQueuePort } from '../../../layers/ports/work-queue-port';
import type { InMemoryWorkQueue } from '../../../layers/twins/in-memory-work-queue';

export interface QueueCall {
  op: 'receive' | 'delete' | 'changeVisibility' | 'send';
  atMs: number;
  queueUrl: string;
  handles?: string[];
  seconds?: number;
  body?: string;
}

/** The work-queue twin, with every call the agent makes recorded (time, handles, visibility) for assertions. */
export class RecordingWorkQueue implements WorkQueuePort {
  readonly calls: QueueCall[] = [];
  constructor(
    readonly twin: InMemoryWorkQueue,
    private readonly clock: ClockPort,
  ) {}

  receive(queueUrl: string, request: ReceiveRequest): Promise<WorkMessage[]> {
    this.record({ op: 'receive', queueUrl });
    return this.twin.receive(queueUrl, request);
  }

  delete(queueUrl: string, receiptHandle: string): Promise<void> {
    this.record({ op: 'delete', queueUrl, handles: [receiptHandle] });
    return this.twin.delete(queueUrl, receiptHandle);
  }

  changeVisibility(queueUrl: string, receiptHandle: string, seconds: number): Promise<void> {
    this.record({ op: 'changeVisibility', queueUrl, handles: [receiptHandle], seconds });
    return this.twin.changeVisibility(queueUrl, receiptHandle, seconds);
  }

  changeVisibilityBatch(queueUrl: string, receiptHandles: string[], seconds: number): Promise<string[]> {
    this.record({ op: 'changeVisibility', queueUrl, handles: [...receiptHandles], seconds });
    return this.twin.changeVisibilityBatch(queueUrl, receiptHandles, seconds);
  }

  send(queueUrl: string, body: string, attributes?: Record<string, string>): Promise<void> {
    this.record({ op: 'send', queueUrl, body });
    return this.twin.send(queueUrl, body, attributes);
  }

  private record(call: Omit<QueueCall, 'atMs'>): void {
    this.calls.push({ ...call, atMs: this.clock.nowMs() });
  }
}
