/** What the forecast scaler is asked to do, in domain terms (the edge parser produces it). */
export type ForecastTrigger =
  | { kind: 'scheduled-run'; eventId: string; emittedAtMs: number }
  | { kind: 'forecast-step'; eventId: string; emittedAtMs: number; fleetId: string; targetUnits: number; effectiveAtMs: number; runId: string }
  | { kind: 'ignored'; eventId?: string; reason: string };
