/** What the autopilot needs from EventBridge Scheduler: invoke itself once at a given time. */

export interface FollowUpRequest {
  /** Unique per follow-up; scheduling the same name twice keeps one schedule. */
  name: string;
  atMs: number;
  /** The event the function receives (source `gpu-fleet-autopilot`, detail-type `Incident Follow-up`). */
  detail: { instanceId: string; purpose: 'drain-after-replacement' | 'drain-timeout' };
}

export interface SchedulerPort {
  scheduleOnce(request: FollowUpRequest): Promise<void>;
}
