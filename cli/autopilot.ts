/** The `autopilot` command: replays and (later) simulations on the twins, no AWS account needed. */
import { parseArgs } from 'node:util';
import { formatTranscript } from './replay/print-transcript';
import { runSpotReplay } from './replay/run-spot-replay';

const USAGE = `usage: autopilot replay spot [--webhook] [--dry-run]

  replay spot   replay a real-shaped spot interruption (rebalance recommendation, warning, duplicate,
                termination) through the real spot-interruption handler on in-memory twins, and print
                the decisions, the actions and the Slack messages it would post
  --webhook     deliver Slack as an incoming webhook (no updates or threads: one message per change)
  --dry-run     the fleet in dry-run: decide, record and post "would have", change nothing`;

const main = async (argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { webhook: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, what] = positionals;
  if (command === 'replay' && what === 'spot') {
    console.log('GPU Fleet Autopilot: replay of a spot interruption on fleet bert-large-prod (twins, no AWS calls)');
    const steps = await runSpotReplay({ slackUpdates: !values.webhook, dryRun: values['dry-run'] });
    console.log(formatTranscript(steps));
    return steps.some((s) => s.error) ? 1 : 0;
  }
  console.error(`unknown command: ${positionals.join(' ') || '(none)'}\n\n${USAGE}`);
  return 2;
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
