/** What the rebalancer is asked to do, in domain terms (the edge parser produces it). */
import type { ReplacementStepDetail } from './replacement-step-event';

export type RebalanceTrigger =
  /** The schedule rule: every fleet that is due is planned, every replacement whose check was lost is resumed. */
  | { kind: 'scheduled-run'; eventId: string; emittedAtMs: number }
  /** A one-time step the function scheduled for one of its replacements; `eventId` is the schedule's name. */
  | { kind: 'replacement-step'; eventId: string; emittedAtMs: number; detail: ReplacementStepDetail }
  | { kind: 'ignored'; eventId?: string; reason: string };
