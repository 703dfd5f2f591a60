/** The cost report's edge: the daily schedule rule's "Scheduled Event", or an on-demand `{ "day" }` / `{ "month" }` invocation. */
import { z } from 'zod';
import { EventParseError } from './errors';
import { ScheduledEventSchema } from './forecast-trigger';
import { describeIssues, preview } from './issue-message';

const DAY_MS = 86_400_000;

/** What to report: one UTC day (its midnight), or one month's chargeback (`YYYY-MM`). */
export type CostReportTrigger = { kind: 'day'; dayStartMs: number } | { kind: 'month'; month: string };

export type CostReportTriggerResult = { ok: true; trigger: CostReportTrigger } | { ok: false; error: EventParseError };

// A calendar date that exists (2026-02-30 does not): Date.UTC would roll it over into March.
const isRealDay = (text: string): boolean => {
  const ms = Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
};

/** `aws lambda invoke --payload '{"day":"2026-11-28"}'`: the report of that UTC day. */
export const CostReportDaySchema = z.strictObject({
  day: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/, 'must be YYYY-MM-DD').refine(isRealDay, 'is not a calendar date'),
});

/** `aws lambda invoke --payload '{"month":"2026-11"}'`: that month's chargeback over its complete days. */
export const CostReportMonthSchema = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM') });

const reject = (what: string, issues: readonly z.core.$ZodIssue[]): CostReportTriggerResult => {
  const { fields, text } = describeIssues(issues);
  return { ok: false, error: new EventParseError(`cost report ${what}: ${text}`, { fields }) };
};

/**
 * The schedule rule (daily cron shortly after midnight UTC) reports the day before the event's `time`; an on-demand
 * payload names a day or a month. Anything else is an EventParseError naming the fields (not retryable). Never throws.
 *
 * @example
 * parseCostReportTrigger({ day: '2026-11-28' }); // { ok: true, trigger: { kind: 'day', dayStartMs: Date.UTC(2026, 10, 28) } }
 */
export const parseCostReportTrigger = (raw: unknown): CostReportTriggerResult => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: new EventParseError(`cost report trigger: expected a Scheduled Event, { day } or { month }, received ${preview(raw)}`, { fields: ['(event)'] }) };
  }
  const event = raw as Record<string, unknown>;
  try {
    if ('detail-type' in event || 'source' in event) {
      const parsed = ScheduledEventSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) return reject('schedule event', parsed.error.issues);
      const midnight = Math.floor(Date.parse(parsed.data.time) / DAY_MS) * DAY_MS;
      return { ok: true, trigger: { kind: 'day', dayStartMs: midnight - DAY_MS } };
    }
    if ('month' in event) {
      const parsed = CostReportMonthSchema.safeParse(raw, { reportInput: true });
      return parsed.success ? { ok: true, trigger: { kind: 'month', month: parsed.data.month } } : reject('invocation', parsed.error.issues);
    }
    const parsed = CostReportDaySchema.safeParse(raw, { reportInput: true });
    return parsed.success ? { ok: true, trigger: { kind: 'day', dayStartMs: Date.parse(`${parsed.data.day}T00:00:00Z`) } } : reject('invocation', parsed.error.issues);
  } catch (cause) {
    return { ok: false, error: new EventParseError(`cost report trigger could not be read: ${cause instanceof Error ? cause.message : 'a thrown value'}`, { cause, fields: ['(event)'] }) };
  }
};
