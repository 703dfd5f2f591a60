/** The one way in from a raw event to a signal: dispatch on (version, source, detail-type), and never throw. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import type { z } from 'zod';
import type { InstanceState, Signal } from '../core/signals';
import { EventParseError } from './errors';
import { defineEventKind, kindKey, type EventKind, type ParseResult } from './event-kind';
import * as healthScheduledChange from './health-scheduled-change';
import * as incidentFollowUp from './incident-follow-up';
import * as instanceStateChange from './instance-state-change';
import { describeIssues, preview } from './issue-message';
import * as rebalanceRecommendation from './rebalance-recommendation';
import { signalBase, type SignalBaseFields } from './signal-base';
import * as spotInterruptionWarning from './spot-interruption-warning';

export type { ParseResult } from './event-kind';

type EventBridgeEvent = z.infer<typeof EventBridgeSchema>;

/** The states in which an instance is going away; NTH and Karpenter act on these same four. */
const ACTIONABLE_STATES: ReadonlySet<InstanceState> = new Set(['stopping', 'stopped', 'shutting-down', 'terminated']);

const noop = (base: SignalBaseFields, reason: string): Signal => ({ ...base, kind: 'noop', reason });

const stateChangeSignal = (event: instanceStateChange.InstanceStateChangeEvent): Signal => {
  const signal = instanceStateChange.toSignal(event);
  if (ACTIONABLE_STATES.has(signal.state)) return signal;
  return noop(
    signalBase(event),
    `instance ${signal.instanceId} entered ${signal.state}: only stopping, stopped, shutting-down and terminated are acted on`,
  );
};

const KINDS: ReadonlyMap<string, EventKind> = new Map(
  [
    defineEventKind({
      schema: spotInterruptionWarning.SpotInterruptionWarningEventSchema,
      toSignal: spotInterruptionWarning.toSignal,
    }),
    defineEventKind({
      schema: rebalanceRecommendation.RebalanceRecommendationEventSchema,
      toSignal: rebalanceRecommendation.toSignal,
    }),
    defineEventKind({ schema: instanceStateChange.InstanceStateChangeEventSchema, toSignal: stateChangeSignal }),
    defineEventKind({
      schema: healthScheduledChange.HealthScheduledChangeEventSchema,
      toSignal: healthScheduledChange.toSignal,
      ignoreReason: healthScheduledChange.ignoreReason,
    }),
    defineEventKind({ schema: incidentFollowUp.IncidentFollowUpEventSchema, toSignal: incidentFollowUp.toSignal }),
  ].map((kind) => [kind.key, kind]),
);

// For the message of an event whose envelope failed: whatever of its kind and id is readable.
const stringField = (raw: unknown, field: 'id' | 'detail-type'): string | undefined => {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' ? value.slice(0, 128) : undefined;
};

const envelopeError = (raw: unknown, issues: Parameters<typeof describeIssues>[0]): ParseResult => {
  const eventId = stringField(raw, 'id');
  const detailType = stringField(raw, 'detail-type');
  const { fields, text } = describeIssues(issues);
  const message = `${detailType ?? 'EventBridge'} event ${eventId ?? '(no id)'}: ${text}`;
  return { ok: false, error: new EventParseError(message, { eventId, detailType, fields }) };
};

// Routing needs only the three key fields; the full envelope is validated by the kind's schema or, for no-ops, here.
const routeOf = (raw: unknown): string | undefined => {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { version, source, 'detail-type': detailType } = raw as Record<string, unknown>;
  const routable = typeof version === 'string' && typeof source === 'string' && typeof detailType === 'string';
  return routable ? kindKey(version, source, detailType) : undefined;
};

const acknowledge = (raw: unknown, reasonFor: (event: EventBridgeEvent) => string): ParseResult => {
  const envelope = EventBridgeSchema.safeParse(raw, { reportInput: true });
  if (!envelope.success) return envelopeError(raw, envelope.error.issues);
  return { ok: true, signal: noop(signalBase(envelope.data), reasonFor(envelope.data)) };
};

const unknownKind = (event: EventBridgeEvent): string =>
  `no parser for source ${preview(event.source)} detail-type ${preview(event['detail-type'])} version ${preview(event.version)}`;

const dispatch = (raw: unknown): ParseResult => {
  const route = routeOf(raw);
  const kind = route === undefined ? undefined : KINDS.get(route);
  if (kind === undefined) return acknowledge(raw, unknownKind);
  const ignored = kind.ignoreReason((raw as { detail?: unknown }).detail);
  if (ignored !== undefined) return acknowledge(raw, () => ignored);
  // The kind's schema covers the envelope too, so one message lists every failing field.
  return kind.parse(raw);
};

const describeThrown = (cause: unknown): string => {
  try {
    return cause instanceof Error ? `${cause.name}: ${cause.message}` : `a thrown ${typeof cause}`;
  } catch {
    return 'an unreadable throw';
  }
};

/**
 * Parse any input into a signal. Unknown kinds and kinds we do not act on become a `noop` signal with its reason;
 * input that fails its schema becomes an `EventParseError` naming the failing fields and the event's kind and id.
 * Never throws, whatever the input: a throwing getter or proxy becomes an error result too.
 *
 * @example
 * ```ts
 * const result = parseEvent(JSON.parse(record.body));
 * if (!result.ok) throw result.error; // retryable: false, so the record goes to the DLQ
 * ```
 */
export const parseEvent = (raw: unknown): ParseResult => {
  try {
    return dispatch(raw);
  } catch (cause) {
    return {
      ok: false,
      error: new EventParseError(`event could not be read: ${describeThrown(cause)}`, { cause, fields: ['(event)'] }),
    };
  }
};
