/** One event kind the registry knows: its schema, its key and how a parsed event becomes a signal. */
import type { z } from 'zod';
import type { Signal } from '../core/signals';
import { EventParseError } from './errors';
import { describeIssues } from './issue-message';

/** What `parseEvent` returns: a signal (possibly a no-op), or the reason the event was rejected. */
export type ParseResult = { ok: true; signal: Signal } | { ok: false; error: EventParseError };

/** The registry key: EventBridge `version`, `source` and `detail-type` together name a kind. */
export const kindKey = (version: string, source: string, detailType: string): string =>
  JSON.stringify([version, source, detailType]);

// The literal envelope fields every kind schema pins, read back so the key is never written twice.
interface KindShape {
  version: z.ZodLiteral<string>;
  source: z.ZodLiteral<string>;
  'detail-type': z.ZodLiteral<string>;
}

/** What a kind file provides: its schema (which pins version, source and detail-type) and its conversion. */
export interface EventKindDefinition<T> {
  schema: z.ZodType<T> & { shape: KindShape };
  toSignal: (event: T) => Signal;
  /** A reason to acknowledge the event without validating its detail (a Health event for another service). */
  ignoreReason?: (detail: unknown) => string | undefined;
}

/** A kind ready for dispatch: validated parse, then conversion to a signal. */
export interface EventKind {
  key: string;
  detailType: string;
  ignoreReason: (detail: unknown) => string | undefined;
  parse: (raw: unknown) => ParseResult;
}

const pinned = (literal: z.ZodLiteral<string>): string => [...literal.values].join('|');

/**
 * Bind a kind's schema to its signal conversion.
 *
 * @example `defineEventKind({ schema: RebalanceRecommendationEventSchema, toSignal })`
 */
export const defineEventKind = <T>(definition: EventKindDefinition<T>): EventKind => {
  const { shape } = definition.schema;
  const detailType = pinned(shape['detail-type']);
  return {
    key: kindKey(pinned(shape.version), pinned(shape.source), detailType),
    detailType,
    ignoreReason: definition.ignoreReason ?? (() => undefined),
    parse: (raw) => {
      const result = definition.schema.safeParse(raw, { reportInput: true });
      if (result.success) return { ok: true, signal: definition.toSignal(result.data) };
      const eventId = (raw as { id?: unknown }).id;
      const id = typeof eventId === 'string' ? eventId : '(no id)';
      const { fields, text } = describeIssues(result.error.issues);
      return {
        ok: false,
        error: new EventParseError(`${detailType} event ${id}: ${text}`, {
          cause: result.error,
          eventId: typeof eventId === 'string' ? eventId : undefined,
          detailType,
          fields,
        }),
      };
    },
  };
};
