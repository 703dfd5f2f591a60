/** The `autopilot` command: simulations and replays on the twins, no AWS account needed; the read-only audit of a team's fleets. */
import { parseAuditOptions } from './audit/audit-options';
import { runAuditCommand } from './audit/run-audit-command';
import { parseForecastOptions } from './forecast/forecast-options';
import { runForecast } from './forecast/run-forecast';
import { formatIncident } from './replay/incident-print';
import { runIncidentReplay } from './replay/incident-replay';
import { formatTranscript } from './replay/print-transcript';
import { runSpotReplay } from './replay/run-spot-replay';
import { runSimulate } from './simulate/run-simulate';
import { parseSimulateOptions } from './simulate/simulate-options';
import { DEFAULT_SEED } from '../sim/scenarios/default-scenario';

const USAGE = `usage:
  autopilot simulate [--trace FILE] [--fleets FILE [--fleet NAME]] [--days N] [--seed S]
                     [--policy static,reactive,reactive-spot,autopilot] [--peak QPS --trough QPS]
                     [--interruptions FILE] [--baseline-type TYPE] [--step SECONDS] [--warmup-days N] [--html FILE] [--json]
      replay a demand trace (CSV: ISO-8601 UTC timestamp, requests in the interval) through each policy and the
      oracle; prints the policy table (or JSON) and writes the HTML report. Without --trace: the default scenario.
      --warmup-days N: the trace's first N days are the autopilot's forecast history, and the run starts after them.
  autopilot forecast --trace FILE [--horizon 6h] [--step 5m] [--at ISO-TIME] [--history-days 28] [--html FILE] [--json]
      forecast a demand trace (same CSV) from its end, or from --at, with the scaler's forecaster: prints each step's
      point forecast and its 80% and 95% prediction intervals (and the trace's actual values when it reaches them);
      --html writes a plot. Durations: 90s, 5m, 6h, 1d.
  autopilot replay spot [--webhook] [--dry-run]
      replay a real-shaped spot interruption through the real handler on twins and print what it does
  autopilot replay incident
      replay a spot interruption through the handler and the worker agents of a 3-instance fleet together
      (twins, virtual clock): prints the timeline and where every request ended up; exits 1 if any was lost
  autopilot audit --fleets FILE [--days 30] [--region us-east-1] [--until YYYY-MM-DD] [--requests sqs-deleted|agent-served]
                  [--cache DIR | --no-cache] [--max-requests 20] [--twins] [--json]
      read-only audit of the fleets' last N days: spend by instance type, Region and day (Cost Explorer), requests and
      GPU utilization (CloudWatch), $ per 1k requests, idle periods, over-provisioning, on-demand share, and savings
      ranked by $/month, each with the autopilot feature that captures it. Says how many Cost Explorer requests it makes
      ($0.01 each) before making them, and caches their answers (default .autopilot-cache/cost-explorer).
      --twins: a scripted month on the twins, no AWS account (with the built-in fleets unless --fleets is given)`;

const main = async (argv: string[]): Promise<number> => {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'simulate') {
    const options = parseSimulateOptions(rest, { seed: DEFAULT_SEED, days: 7 });
    const isDefault = !options.trace && !options.fleets;
    return runSimulate(isDefault && !options.html ? { ...options, html: 'autopilot-report.html' } : options, { isDefault });
  }
  if (command === 'forecast') {
    return runForecast(parseForecastOptions(rest), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
  }
  if (command === 'audit') {
    return runAuditCommand(parseAuditOptions(rest), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), nowMs: () => Date.now() });
  }
  if (command === 'replay' && rest[0] === 'spot') {
    const webhook = rest.includes('--webhook');
    const dryRun = rest.includes('--dry-run');
    console.log('GPU Fleet Autopilot: replay of a spot interruption on fleet bert-large-prod (twins, no AWS calls)');
    const steps = await runSpotReplay({ slackUpdates: !webhook, dryRun });
    console.log(formatTranscript(steps));
    return steps.some((s) => s.error) ? 1 : 0;
  }
  if (command === 'replay' && rest[0] === 'incident') {
    console.log('GPU Fleet Autopilot: replay of a spot interruption on fleet bert-large-search, handler and worker agents together');
    console.log('(twins and a virtual clock, no AWS calls; 3 GPU hosts, 60 queries/s at 150 ms on Triton, a 4-minute bulk job every 30 s)\n');
    const replay = await runIncidentReplay();
    console.log(formatIncident(replay));
    return replay.tally.lost > 0 || replay.handlerErrors.length > 0 ? 1 : 0;
  }
  console.error(`unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Bad input (a trace line, a fleets field, an option) is reported by its own message; anything else with its stack.
    const known = error instanceof Error && 'retryable' in error && (error as { retryable: unknown }).retryable === false;
    console.error(known ? `error: ${(error as Error).message}` : error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(known ? 2 : 1);
  },
);
