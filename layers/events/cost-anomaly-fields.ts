/** The anomaly fields AWS Cost Anomaly Detection's EventBridge event and SNS alert share, and their reading as a `CostAnomaly`. */
import { z } from 'zod';
import type { CostAnomaly, CostRootCause } from '../core/cost/cost-anomaly';

// The API's pattern for anomaly dates: `(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}Z)?`.
const CAD_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/;

const epochMsOf = (text: string): number | undefined => {
  const parts = CAD_DATE.exec(text)?.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
  if (parts === undefined) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // Date.UTC rolls 2021-02-30 over to March: a date that does not read back is not a date.
  const real = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
  return real && hour < 24 && minute < 60 && second < 60 ? ms : undefined;
};

/** An anomaly date (`2021-05-25` or `2021-05-25T00:00:00Z`), as epoch ms of that UTC instant (midnight for a day). */
export const CadDateSchema = z.string().transform((text, ctx) => {
  const ms = epochMsOf(text);
  if (ms !== undefined) return ms;
  ctx.addIssue({ code: 'custom', message: 'expected a date like "2021-05-25" or "2021-05-25T00:00:00Z"', input: text });
  return z.NEVER;
});

const usd = z.number().finite();
// AWS sends no empty dimension, but an empty string carries nothing: read it as absent.
const dimension = z
  .string()
  .max(1024)
  .optional()
  .transform((v) => (v === undefined || v.length === 0 ? undefined : v));

/** `rootCauses[]`: every dimension optional (API RootCause); `impact.contribution` on EventBridge only. */
export const RootCauseSchema = z.object({
  service: dimension,
  region: dimension,
  linkedAccount: dimension,
  linkedAccountName: dimension,
  usageType: dimension,
  impact: z.object({ contribution: usd }).optional(),
});

/**
 * What both formats carry for one anomaly (API `Anomaly`: `AnomalyScore` and `Impact` required, dates and root
 * causes optional there). The start date is required here: without it the anomaly has no window to attribute in.
 */
export const AnomalyBodySchema = z.object({
  anomalyId: z.string().min(1).max(1024),
  anomalyStartDate: CadDateSchema,
  anomalyEndDate: CadDateSchema.optional(),
  anomalyScore: z.object({ currentScore: z.number().finite(), maxScore: z.number().finite() }),
  impact: z.object({
    maxImpact: usd,
    totalImpact: usd,
    totalActualSpend: usd,
    totalExpectedSpend: usd,
    // Undefined (and possibly null) when nothing was expected: a percentage of zero is no number.
    totalImpactPercentage: usd.nullish(),
  }),
  rootCauses: z.array(RootCauseSchema).max(100).default([]),
  monitorArn: z.string().regex(/^arn:aws[a-z-]*:ce::\d{12}:anomalymonitor\/.+/).optional(),
  anomalyDetailsLink: z.url().max(2048).optional(),
});

export type AnomalyBody = z.infer<typeof AnomalyBodySchema>;

const rootCauseOf = (cause: z.infer<typeof RootCauseSchema>): CostRootCause => {
  const out: CostRootCause = {};
  if (cause.service !== undefined) out.service = cause.service;
  if (cause.region !== undefined) out.region = cause.region;
  if (cause.linkedAccount !== undefined) out.linkedAccount = cause.linkedAccount;
  if (cause.linkedAccountName !== undefined) out.linkedAccountName = cause.linkedAccountName;
  if (cause.usageType !== undefined) out.usageType = cause.usageType;
  if (cause.impact !== undefined) out.impactUsd = cause.impact.contribution;
  return out;
};

/** What differs by format: where it came from, whose account, which monitor and dimension, when it arrived. */
export interface AnomalyEnvelope {
  via: CostAnomaly['via'];
  accountId: string;
  monitorArn: string | undefined;
  dimensionValue: string | undefined;
  receivedAtMs: number;
}

/** The domain anomaly from a validated body and its format's envelope. */
export const costAnomalyOf = (body: AnomalyBody, envelope: AnomalyEnvelope): CostAnomaly => {
  const { impact } = body;
  const anomaly: CostAnomaly = {
    anomalyId: body.anomalyId,
    via: envelope.via,
    accountId: envelope.accountId,
    startMs: body.anomalyStartDate,
    score: { current: body.anomalyScore.currentScore, max: body.anomalyScore.maxScore },
    impact: {
      maxImpactUsd: impact.maxImpact,
      totalImpactUsd: impact.totalImpact,
      totalActualSpendUsd: impact.totalActualSpend,
      totalExpectedSpendUsd: impact.totalExpectedSpend,
      ...(impact.totalImpactPercentage == null ? {} : { totalImpactPercentage: impact.totalImpactPercentage }),
    },
    rootCauses: body.rootCauses.map(rootCauseOf),
    receivedAtMs: envelope.receivedAtMs,
  };
  if (envelope.monitorArn !== undefined) anomaly.monitorArn = envelope.monitorArn;
  if (body.anomalyEndDate !== undefined) anomaly.endMs = body.anomalyEndDate;
  if (envelope.dimensionValue !== undefined) anomaly.dimensionValue = envelope.dimensionValue;
  if (body.anomalyDetailsLink !== undefined) anomaly.detailsLink = body.anomalyDetailsLink;
  return anomaly;
};

/** The dimension value under either spelling: `dimensionValue` (EventBridge, API) or `dimensionalValue` (SNS alert). */
export const DimensionFieldsSchema = z.object({ dimensionValue: dimension, dimensionalValue: dimension });
