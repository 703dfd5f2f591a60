/** Reads one fleet's samples, usage metrics, interruptions and actions over whole UTC days and integrates each day. */
import { dailyCost, type DailyCost } from '../core/cost/daily-cost';
import type { CostSample } from '../core/cost/cost-sample';
import { poolKey, type FleetConfig } from '../core/fleet';
import type { CostReportDeps } from './cost-report-deps';
import { readCostActions } from './read-cost-actions';

const DAY_MS = 86_400_000;
// The sample taken just before midnight stands for the first minutes of the day: look back one spend-check interval and more.
const LOOK_BACK_MS = 3_600_000;
/**
 * A saving lasts until an action takes it back, often past midnight: each day also reads the actions of this long
 * before it, and counts those still in effect for their hours within the day.
 */
export const ACTION_LOOKBACK_MS = 7 * DAY_MS;
// Requests and SLO attainment are read hourly: a month is 744 datapoints per query, one page.
const HOURLY = 3600;

/**
 * One DailyCost per UTC day of [startMs, endMs) (both midnights), reading each source once for the whole window.
 * Interruptions of a day are the fleet's Spot pools' count since midnight minus their count since the next one.
 *
 * @throws what the ports throw (UsageMetricsError, ledger errors): the caller decides per fleet.
 */
export const readFleetDays = async (deps: CostReportDeps, fleet: FleetConfig, startMs: number, endMs: number): Promise<DailyCost[]> => {
  const { usage, config } = deps;
  const window = { startMs, endMs };
  const [samples, requests, gpu, slo, actions] = await Promise.all([
    deps.costs.listCostSamples(fleet.fleetId, startMs - LOOK_BACK_MS, endMs),
    usage.requestsServed({ ...window, periodSeconds: HOURLY, queueUrls: fleet.queueUrls, source: config.requestsSource }),
    usage.gpuUtilization({ ...window, periodSeconds: config.gpuPeriodSeconds, fleetId: fleet.fleetId }),
    usage.sloAttainment({ ...window, periodSeconds: HOURLY, queueUrls: fleet.queueUrls, sloMs: fleet.sloP99Ms }),
    readCostActions(deps, fleet, startMs - ACTION_LOOKBACK_MS, endMs),
  ]);
  const interruptions = await interruptionsPerDay(deps, samples, startMs, endMs);
  const days: DailyCost[] = [];
  for (let dayStartMs = startMs, i = 0; dayStartMs < endMs; dayStartMs += DAY_MS, i += 1) {
    const inDay = <T extends { atMs: number }>(items: readonly T[]): T[] => items.filter((item) => item.atMs >= dayStartMs && item.atMs < dayStartMs + DAY_MS);
    days.push(
      dailyCost({
        fleet,
        dayStartMs,
        samples: samples.filter((s) => s.atMs >= dayStartMs - LOOK_BACK_MS && s.atMs < dayStartMs + DAY_MS),
        requests: inDay(requests),
        gpuUtilization: inDay(gpu),
        gpuPeriodSeconds: config.gpuPeriodSeconds,
        idleThresholdPercent: config.idleThresholdPercent,
        slo: inDay(slo),
        interruptions: interruptions[i] ?? 0,
        actions: actions.filter((a) => a.atMs >= dayStartMs - ACTION_LOOKBACK_MS && a.atMs < dayStartMs + DAY_MS),
      }),
    );
  }
  return days;
};

const interruptionsPerDay = async (deps: CostReportDeps, samples: readonly CostSample[], startMs: number, endMs: number): Promise<number[]> => {
  const pools = [...new Set(samples.flatMap((s) => s.pools.filter((p) => p.market === 'spot').map((p) => poolKey(p))))];
  const bounds: number[] = [];
  for (let ms = startMs; ms <= endMs; ms += DAY_MS) bounds.push(ms);
  const since = await Promise.all(bounds.map(async (ms) => (await Promise.all(pools.map((pool) => deps.ledger.countInterruptions(pool, ms)))).reduce((a, b) => a + b, 0)));
  return since.slice(0, -1).map((count, i) => count - (since[i + 1] ?? 0));
};
