/** The fields every signal copies from the EventBridge envelope. */
import type { NoopSignal } from '../core/signals';

/** The envelope fields a signal needs; every parsed EventBridge event has them. */
export interface EnvelopeFields {
  id: string;
  /** ISO 8601 UTC, already validated by the envelope schema. */
  time: string;
  region: string;
  account: string;
}

/** The part of every signal that comes from the envelope. */
export type SignalBaseFields = Pick<NoopSignal, 'eventId' | 'emittedAtMs' | 'region' | 'account'>;

/**
 * The common part of a signal: the event id (the per-delivery idempotency key) and when AWS emitted it.
 *
 * @example `signalBase({ id: 'e-1', time: '2021-11-11T21:29:54Z', region: 'us-east-1', account: '123456789012' })`
 */
export const signalBase = (event: EnvelopeFields): SignalBaseFields => ({
  eventId: event.id,
  emittedAtMs: Date.parse(event.time),
  region: event.region,
  account: event.account,
});
