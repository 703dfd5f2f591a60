/** What the gpu-alarm function is asked to do, in domain terms (the edge parser produces it). */
import type { GpuAlarmRecheckDetail } from './gpu-alarm-recheck-event';
import type { GpuAlarmSignal } from './gpu-alarm/gpu-alarm-signal';

export type GpuAlarmTrigger =
  | { kind: 'alarm'; signal: GpuAlarmSignal }
  /** A one-time recheck the function scheduled for itself; `eventId` is the schedule's name. */
  | { kind: 'recheck'; eventId: string; emittedAtMs: number; detail: GpuAlarmRecheckDetail }
  | { kind: 'ignored'; reason: string };
