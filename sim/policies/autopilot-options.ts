/** What a simulated autopilot runs with: which functions, their schedules and settings, and its Spot market. */
import type { RebalanceRunSettings } from '../../layers/app/rebalance-deps';
import type { Market } from '../../layers/core/fleet';
import type { SpotPricePort } from '../../layers/ports/spot-price-port';
import type { TargetTrackingOptions } from './target-tracking-policy';

export interface AutopilotOptions {
  name?: string;
  /**
   * Capacity by target tracking instead of the forecast scaler: the autopilot before forecasting, kept for the
   * interruption closed forms, where a forecast would only blur the effect measured. The rebalancer and the GPU
   * alarms are off in this variant unless asked for.
   */
  sizing?: Omit<TargetTrackingOptions, 'name'>;
  /** The forecast scaler on its schedule (the default); `false` leaves capacity to the gpu-alarm function alone. */
  forecast?: boolean;
  /** How often the schedule rule runs the forecast scaler, seconds (serverless.yml: rate(5 minutes)). */
  runIntervalSeconds?: number;
  /** Resolution of the demand history and of the forecast, seconds (the CloudWatch period). */
  forecastStepSeconds?: number;
  /** Scale-in cooldown of the forecast scaler (and of the gpu-alarm function, which shares it), seconds. */
  scaleInCooldownSeconds?: number;
  /**
   * Market of the capacity above the fleet's on-demand base: `spot` (the default: EC2 Fleet's DefaultTargetCapacityType)
   * or `on-demand`, to compare forecasting with reactive scaling on the same market.
   */
  market?: Market;
  /**
   * The rebalancer on its schedule (serverless.yml: rate(15 minutes)) and its replacement steps; `false` keeps the
   * mix the fleet started with (the "fixed mix" baseline). Settings over the deployment's defaults.
   */
  rebalancer?: boolean | Partial<Omit<RebalanceRunSettings, 'fleets' | 'globalDryRun'>>;
  /** The fleet's GPU utilization alarms (infra/gpu-alarms.cjs) and the gpu-alarm function; `false` for none. */
  gpuAlarms?: boolean;
  /** The Spot market the rebalancer reads; by default DescribeSpotPriceHistory over the run's price book. */
  spotPrices?: SpotPricePort;
  /** How long an instance's agent takes to acknowledge a drain request, seconds (default 30). */
  drainAckSeconds?: number;
  /**
   * How EC2 Fleet picks each launch's pool: `prioritized` (the default with the rebalancer: the overrides ranked by
   * $ per unit at the start, then as the rebalancer ranks them) or `lowest-price` (by price at each launch; the
   * default without the rebalancer).
   */
  allocation?: 'prioritized' | 'lowest-price';
}

/** Whether the run has the rebalancer, and its settings. */
export const rebalancerOf = (options: AutopilotOptions): Partial<Omit<RebalanceRunSettings, 'fleets' | 'globalDryRun'>> | undefined => {
  const asked = options.rebalancer ?? options.sizing === undefined;
  if (asked === false) return undefined;
  return asked === true ? {} : asked;
};

/** Whether the run has the GPU alarms and the gpu-alarm function. */
export const gpuAlarmsOf = (options: AutopilotOptions): boolean => options.gpuAlarms ?? options.sizing === undefined;
