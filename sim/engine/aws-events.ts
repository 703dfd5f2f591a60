/** The EventBridge events AWS sends about simulated instances, shaped as the real ones (see test/fixtures/events). */
import type { InstanceState } from '../../layers/core/signals';

export interface EventContext {
  account: string;
  region: string;
}

interface InstanceRef {
  instanceId: string;
  availabilityZone: string;
}

/** A UUID-shaped id, stable for one (kind, instance, time): a redelivery in the simulation keeps its id. */
const eventId = (kind: string, instanceId: string, atMs: number): string => {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const text = `${kind}|${instanceId}|${atMs}`;
  for (let i = 0; i < text.length; i += 1) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 2246822519) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const time = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const ec2Event = (ctx: EventContext, kind: string, atMs: number, resource: string, detail: Record<string, unknown>, id: string) => ({
  version: '0',
  id,
  'detail-type': kind,
  source: 'aws.ec2',
  account: ctx.account,
  time: time(atMs),
  region: ctx.region,
  resources: [resource],
  detail,
});

/** Spot and rebalance events name the instance by an AZ-form ARN with no account. */
const azArn = (i: InstanceRef): string => `arn:aws:ec2:${i.availabilityZone}:instance/${i.instanceId}`;

export const spotWarningEvent = (ctx: EventContext, i: InstanceRef, atMs: number) =>
  ec2Event(ctx, 'EC2 Spot Instance Interruption Warning', atMs, azArn(i), { 'instance-id': i.instanceId, 'instance-action': 'terminate' }, eventId('warning', i.instanceId, atMs));

export const rebalanceEvent = (ctx: EventContext, i: InstanceRef, atMs: number) =>
  ec2Event(ctx, 'EC2 Instance Rebalance Recommendation', atMs, azArn(i), { 'instance-id': i.instanceId }, eventId('rebalance', i.instanceId, atMs));

export const stateChangeEvent = (ctx: EventContext, i: InstanceRef, state: InstanceState, atMs: number) =>
  ec2Event(
    ctx,
    'EC2 Instance State-change Notification',
    atMs,
    `arn:aws:ec2:${ctx.region}:${ctx.account}:instance/${i.instanceId}`,
    { 'instance-id': i.instanceId, state },
    eventId(`state-${state}`, i.instanceId, atMs),
  );
