/** Downsamples the engine's steps into the report's series (one point per `seriesStepSeconds`). */
import type { PolicySeries } from '../model/report';

export class SeriesRecorder {
  readonly series: PolicySeries = { tMs: [], demandQps: [], capacityQps: [], bootingQps: [], costUsdCumulative: [], sloAttainment: [], backlog: [] };
  private steps = 0;
  private arrivals = 0;
  private capacity = 0;
  private booting = 0;
  private served = 0;
  private withinSlo = 0;

  constructor(
    private readonly stepsPerPoint: number,
    private readonly stepSeconds: number,
  ) {}

  add(step: { nowMs: number; arrivals: number; servingUnits: number; bootingUnits: number; served: number; withinSlo: number; costUsd: number; backlog: number }): void {
    this.steps += 1;
    this.arrivals += step.arrivals;
    this.capacity += step.servingUnits;
    this.booting += step.bootingUnits;
    this.served += step.served;
    this.withinSlo += step.withinSlo;
    if (this.steps < this.stepsPerPoint) return;
    const s = this.series;
    s.tMs.push(step.nowMs);
    s.demandQps.push(this.arrivals / (this.steps * this.stepSeconds));
    s.capacityQps.push(this.capacity / this.steps);
    s.bootingQps.push(this.booting / this.steps);
    s.costUsdCumulative.push(step.costUsd);
    s.sloAttainment.push(this.served > 0 ? this.withinSlo / this.served : 1);
    s.backlog.push(step.backlog);
    this.steps = this.arrivals = this.capacity = this.booting = this.served = this.withinSlo = 0;
  }
}
