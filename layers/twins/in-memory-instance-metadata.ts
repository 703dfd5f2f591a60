/** Twin of the instance metadata service as one instance sees it: notices and tags set at will, failures on demand. */
import {
  InstanceMetadataError,
  type InstanceMetadataPort,
  type SpotInstanceAction,
} from '../ports/instance-metadata-port';

/** What the twin can be told to fail with: IMDS throttling (HTTP 429), or no answer before the client's timeout. */
export type InstanceMetadataFailure = 'throttling' | 'timeout';
export type InstanceMetadataRead = keyof InstanceMetadataPort;

/**
 * One instance's metadata. Tags come from the twin's own map, or from `tagSource` when given, so a simulator can
 * point it at the fleet twin's tags and the agent sees the drain tag the spot-interruption function writes.
 * With `tagsInMetadata: false` (the launch template's default) every tag reads as absent, as IMDS answers 404.
 *
 * @example
 * const imds = new InMemoryInstanceMetadata({ instanceId: 'i-0abc' });
 * imds.setSpotAction({ action: 'terminate', atMs: Date.UTC(2026, 2, 1, 12, 2) });
 * await imds.spotInstanceAction(); // { action: 'terminate', atMs: ... }
 */
export class InMemoryInstanceMetadata implements InstanceMetadataPort {
  private readonly id: string;
  private readonly tagsInMetadata: boolean;
  private readonly tagSource?: (key: string) => string | undefined;
  private action?: SpotInstanceAction;
  private rebalanceAtMs?: number;
  private tags = new Map<string, string>();
  private failures: { failure: InstanceMetadataFailure; read?: InstanceMetadataRead }[] = [];
  /** How many times each read was made (failed reads included). */
  reads: Record<InstanceMetadataRead, number> = emptyReads();

  constructor(options: { instanceId?: string; tagsInMetadata?: boolean; tagSource?: (key: string) => string | undefined } = {}) {
    this.id = options.instanceId ?? 'i-0123456789abcdef0';
    this.tagsInMetadata = options.tagsInMetadata ?? true;
    if (options.tagSource) this.tagSource = options.tagSource;
  }

  async instanceId(): Promise<string> {
    this.read('instanceId');
    return this.id;
  }

  async spotInstanceAction(): Promise<SpotInstanceAction | undefined> {
    this.read('spotInstanceAction');
    return this.action ? { ...this.action } : undefined;
  }

  async rebalanceRecommendationAtMs(): Promise<number | undefined> {
    this.read('rebalanceRecommendationAtMs');
    return this.rebalanceAtMs;
  }

  async tag(key: string): Promise<string | undefined> {
    this.read('tag');
    if (!this.tagsInMetadata) return undefined;
    return this.tagSource ? this.tagSource(key) : this.tags.get(key);
  }

  /** Marks the instance for interruption (`undefined`: no notice, as before EC2 sends one). */
  setSpotAction(action: SpotInstanceAction | undefined): void {
    this.action = action ? { ...action } : undefined;
  }

  /** Posts a rebalance recommendation noticed at this time (`undefined`: none). */
  setRebalance(noticeAtMs: number | undefined): void {
    this.rebalanceAtMs = noticeAtMs;
  }

  /** Sets an instance tag (`undefined` removes it); ignored for reads when a `tagSource` was given. */
  setTag(key: string, value: string | undefined): void {
    if (value === undefined) this.tags.delete(key);
    else this.tags.set(key, value);
  }

  /** The next `times` reads (of `read`, or of any kind) fail with a retryable InstanceMetadataError. */
  failNext(failure: InstanceMetadataFailure, options: { times?: number; read?: InstanceMetadataRead } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i += 1) this.failures.push({ failure, ...(options.read ? { read: options.read } : {}) });
  }

  reset(): void {
    this.action = undefined;
    this.rebalanceAtMs = undefined;
    this.tags = new Map();
    this.failures = [];
    this.reads = emptyReads();
  }

  private read(kind: InstanceMetadataRead): void {
    this.reads[kind] += 1;
    const index = this.failures.findIndex((f) => f.read === undefined || f.read === kind);
    const injected = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
    if (!injected) return;
    const code = injected.failure === 'throttling' ? 'TooManyRequests' : 'TimeoutError';
    throw new InstanceMetadataError(`reading instance metadata (${kind}): ${code} (twin)`, code, true);
  }
}

const emptyReads = (): Record<InstanceMetadataRead, number> => ({
  instanceId: 0, spotInstanceAction: 0, rebalanceRecommendationAtMs: 0, tag: 0,
});
