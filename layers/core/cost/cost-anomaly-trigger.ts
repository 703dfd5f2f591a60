/** What invoked the cost-anomaly function, in domain terms (the edge parser produces it). */
import type { CostAnomaly } from './cost-anomaly';

export type CostAnomalyTrigger =
  /** A Cost Anomaly Detection alert (one EventBridge event, or the SNS records of one delivery). */
  | { kind: 'anomalies'; eventId: string; anomalies: CostAnomaly[] }
  /** The spend-rate check's schedule rule: sample every fleet's spend and raise what left its band. */
  | { kind: 'spend-check'; eventId: string; emittedAtMs: number }
  | { kind: 'ignored'; eventId?: string; reason: string };
