/** The EventParseError for an EventBridge event that failed its schema: its id and detail-type, and each failing field. */
import type { z } from 'zod';
import { EventParseError } from './errors';
import { describeIssues } from './issue-message';

/**
 * `<detail-type> event <id>: <field>: <problem>; ...`, with the id and detail-type only when they were strings
 * (cut to EventBridge's 128 characters), so a garbled event still yields a readable, bounded message.
 *
 * @example
 * schemaRejection(raw, parsed.error.issues).message
 * // 'GPU Alarm Recheck event gar-1: detail.kind: expected one of gpu-low|gpu-high|gpu-memory-high, received "cpu"'
 */
export const schemaRejection = (raw: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): EventParseError => {
  const id = typeof raw.id === 'string' ? raw.id.slice(0, 128) : undefined;
  const detailType = typeof raw['detail-type'] === 'string' ? raw['detail-type'].slice(0, 128) : undefined;
  const { fields, text } = describeIssues(issues);
  return new EventParseError(`${detailType ?? 'EventBridge'} event ${id ?? '(no id)'}: ${text}`, { eventId: id, detailType, fields });
};
