/** `autopilot-agent`: reads the configuration, wires the real adapters (SQS, IMDSv2, Triton, EC2), runs the agent. */
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { awsClients } from '../layers/adapters/aws/aws-clients';
import { Ec2FleetAdapter } from '../layers/adapters/aws/ec2-fleet-adapter';
import { SqsWorkQueue } from '../layers/adapters/aws/sqs-work-queue';
import { ImdsClient } from '../layers/adapters/imds/imds-client';
import { systemClock } from '../layers/adapters/system-clock';
import { TritonHttpClient } from '../layers/adapters/triton/triton-client';
import type { LoggerPort } from '../layers/ports/logger-port';
import { runAgent } from './agent';
import { AgentConfigError, regionOf } from './agent-config';
import { AGENT_USAGE, readAgentConfig } from './agent-config-sources';
import { processSignals } from './process-signals';

const main = async (argv: string[]): Promise<number> => {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${AGENT_USAGE}\n`);
    return 0;
  }
  const config = readAgentConfig(argv, (path) => readFileSync(path, 'utf8'));
  // The SDK reads its region from AWS_REGION (or ~/.aws/config), never from instance metadata: the queue URL names it.
  const region = config.region ?? process.env.AWS_REGION ?? regionOf(config.queueUrl);
  if (region !== undefined) process.env.AWS_REGION = region;
  const clients = awsClients();
  const powertools = new Logger({ serviceName: 'autopilot-agent' });
  const logger: LoggerPort = {
    debug: (message, extra) => powertools.debug(message, extra ?? {}),
    info: (message, extra) => powertools.info(message, extra ?? {}),
    warn: (message, extra) => powertools.warn(message, extra ?? {}),
    error: (message, extra) => powertools.error(message, extra ?? {}),
  };
  const { exitCode } = await runAgent(config, {
    queue: new SqsWorkQueue({ sqs: clients.sqs }),
    imds: new ImdsClient({ baseUrl: config.imdsUrl }),
    inference: new TritonHttpClient({ baseUrl: config.tritonUrl, timeoutMs: config.tritonTimeoutMs }),
    tagger: new Ec2FleetAdapter({ ec2: clients.ec2 }),
    clock: systemClock,
    logger,
    signals: processSignals,
  });
  return exitCode;
};

main(process.argv.slice(2)).then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    // A bad configuration is the operator's to fix: say what, without a stack trace; anything else, in full.
    process.stderr.write(error instanceof AgentConfigError ? `${error.message}\n` : `autopilot-agent failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof AgentConfigError ? 2 : 1);
  },
);
