/** Lenient reading of an alarm state's `reasonData`: a JSON document inside a string, which may be absent or not JSON. */

/** What the decisions use from `reasonData`; each field only when the document carries it as a finite number. */
export interface ReasonDataFigures {
  /** The last of `recentDatapoints`: the most recent datapoint that drove the state. */
  value?: number;
  threshold?: number;
}

// CloudWatch's reasonData is a few hundred bytes; anything far larger is not worth parsing at the edge.
const MAX_REASON_DATA_CHARS = 65_536;

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The figures of a `reasonData` string, or none of them. Never throws: the text is informative, not required, so a
 * composite alarm's `triggeringAlarms`, an INSUFFICIENT_DATA state without datapoints, truncated or foreign JSON all
 * read as "no figures" rather than as a bad event.
 *
 * @example
 * ```ts
 * readReasonData('{"version":"1.0","recentDatapoints":[45628.0],"threshold":10000.0}');
 * // { value: 45628, threshold: 10000 }
 * ```
 */
export const readReasonData = (text: string | undefined): ReasonDataFigures => {
  if (text === undefined || text.length > MAX_REASON_DATA_CHARS) return {};
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return {};
  const { recentDatapoints, threshold } = document as { recentDatapoints?: unknown; threshold?: unknown };
  const last: unknown = Array.isArray(recentDatapoints) ? recentDatapoints[recentDatapoints.length - 1] : undefined;
  return { ...(finite(last) ? { value: last } : {}), ...(finite(threshold) ? { threshold } : {}) };
};
