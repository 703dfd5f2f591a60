/** What the worker agent reads from the instance metadata service (IMDSv2) about its own instance. */
import type { SpotAction } from '../core/signals';
import { PortError } from './port-error';

export class InstanceMetadataError extends PortError {
  override readonly name = 'InstanceMetadataError';
}

export interface SpotInstanceAction {
  action: SpotAction;
  /** When the action happens, epoch ms (`time` of `/latest/meta-data/spot/instance-action`). */
  atMs: number;
}

/**
 * IMDSv2: a session token from `PUT /latest/api/token`, then GETs with `X-aws-ec2-metadata-token`. A path that is
 * not there (no notice yet, tags not enabled, tag absent) answers 404: the methods return undefined, not an error.
 */
export interface InstanceMetadataPort {
  instanceId(): Promise<string>;
  /** `/latest/meta-data/spot/instance-action`: present only once the instance is marked for interruption. */
  spotInstanceAction(): Promise<SpotInstanceAction | undefined>;
  /** `/latest/meta-data/events/recommendations/rebalance`: `{"noticeTime": ...}`, epoch ms. */
  rebalanceRecommendationAtMs(): Promise<number | undefined>;
  /** `/latest/meta-data/tags/instance/<key>` (requires InstanceMetadataTags enabled in the launch template). */
  tag(key: string): Promise<string | undefined>;
}
