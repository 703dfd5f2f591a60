/** Turns zod issues into the one-line field-by-field text an on-call engineer reads in a DLQ record. */
import type { z } from 'zod';

/** How many issues a message lists before it says "and N more": garbage input can fail on every field. */
const MAX_LISTED_ISSUES = 5;
// EventBridge caps detail-type at 128 characters: enough to name any real value whole.
const MAX_PREVIEW_CHARS = 128;

export interface IssueSummary {
  /** Dotted paths of the failing fields, in zod's order (`detail.affectedEntities[0].entityValue`). */
  fields: string[];
  /** `detail.instance-action: expected one of terminate|stop|hibernate, received "action"; ...` */
  text: string;
}

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(event)'
    : path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');

/** A short, safe rendering of an untrusted value for a message: never a whole huge string, never an object dump. */
export const preview = (value: unknown): string => {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_PREVIEW_CHARS ? `${value.slice(0, MAX_PREVIEW_CHARS)}...` : value);
  }
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
};

const received = (issue: z.core.$ZodIssue): string => ('input' in issue ? `, received ${preview(issue.input)}` : '');

const describeIssue = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values.map((value) => (typeof value === 'string' ? value : String(value)));
      const expected = values.length === 1 ? `"${values[0] ?? ''}"` : `one of ${values.join('|')}`;
      return `expected ${expected}${received(issue)}`;
    }
    case 'invalid_type':
      // zod already says "expected string, received number".
      return issue.message.replace(/^Invalid input: /, '');
    case 'invalid_format':
      return issue.format === 'datetime'
        ? `expected an ISO 8601 UTC time like "2021-11-11T21:29:54Z"${received(issue)}`
        : `${issue.message}${received(issue)}`;
    case 'custom':
      // A refinement over several fields reports the whole object as its input: not worth echoing.
      return typeof issue.input === 'string' ? `${issue.message}${received(issue)}` : issue.message;
    default:
      return `${issue.message}${received(issue)}`;
  }
};

/**
 * Summarise zod issues as `path: problem` pairs.
 *
 * @example
 * ```ts
 * describeIssues(result.error.issues).text
 * // 'detail.instance-action: expected one of terminate|stop|hibernate, received "action"'
 * ```
 */
export const describeIssues = (issues: readonly z.core.$ZodIssue[]): IssueSummary => {
  const fields = [...new Set(issues.map((issue) => fieldPath(issue.path)))];
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `${fieldPath(issue.path)}: ${describeIssue(issue)}`);
  const more = issues.length > MAX_LISTED_ISSUES ? `; and ${issues.length - MAX_LISTED_ISSUES} more` : '';
  return { fields, text: `${listed.join('; ')}${more}` };
};
