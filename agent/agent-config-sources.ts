/** Reads the agent's settings from command-line flags and an optional JSON/YAML file (`--config`); flags win. */
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { AgentConfigError, parseAgentConfig, type AgentConfig } from './agent-config';

const STRING_FIELDS = ['queueUrl', 'tritonUrl', 'model', 'imdsUrl', 'replyQueueAttribute', 'metricsNamespace', 'region'] as const;
const BOOLEAN_FIELDS = ['drainOnRebalance'] as const;
const NUMBER_FIELDS = [
  'concurrency',
  'maxMessages',
  'waitTimeSeconds',
  'visibilityTimeoutSeconds',
  'heartbeatSeconds',
  'safetyMarginSeconds',
  'sigtermGraceSeconds',
  'imdsPollSeconds',
  'tritonReadyPollSeconds',
  'tritonRetries',
  'tritonBackoffMs',
  'tritonTimeoutMs',
  'healthPort',
  'metricsIntervalSeconds',
] as const;

/** The short names the command line uses; every field also has its kebab-case flag. */
const ALIASES: Record<string, string> = { queue: 'queueUrl', triton: 'tritonUrl' };

const kebab = (field: string): string => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Flag name (without dashes) -> config field. */
const FLAGS: Record<string, string> = Object.fromEntries([
  ...[...STRING_FIELDS, ...BOOLEAN_FIELDS, ...NUMBER_FIELDS].map((field) => [kebab(field), field]),
  ...Object.entries(ALIASES),
]);

/** The `--help` text: every flag, generated from the same table the parser uses. */
export const AGENT_USAGE = [
  'usage: autopilot-agent --queue URL --model NAME [--triton URL] [--config FILE] [flags]',
  '',
  'flags (each also a camelCase key of the JSON/YAML config file; flags override the file):',
  ...Object.entries(FLAGS).map(([flag, field]) => `  --${flag}${(BOOLEAN_FIELDS as readonly string[]).includes(field) ? '' : ' VALUE'}   (${field})`),
].join('\n');

export type ReadText = (path: string) => string;

/**
 * Build the configuration from `argv` (without the node and script names). Throws {@link AgentConfigError} naming
 * the flag or file field that is wrong.
 *
 * @example
 * readAgentConfig(['--queue', url, '--model', 'bert', '--concurrency', '16'], (p) => readFileSync(p, 'utf8'));
 */
export const readAgentConfig = (argv: string[], readText: ReadText): AgentConfig => {
  const options = Object.fromEntries(
    Object.entries(FLAGS).map(([flag, field]) => [flag, { type: (BOOLEAN_FIELDS as readonly string[]).includes(field) ? 'boolean' : 'string' } as const]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, config: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new AgentConfigError(`reading the command line: ${(error as Error).message}\n${AGENT_USAGE}`, { cause: error });
  }
  const configPath = typeof values.config === 'string' ? values.config : undefined;
  const fromFile = configPath === undefined ? {} : readConfigFile(configPath, readText);
  const fromFlags: Record<string, unknown> = {};
  const flagOf: Record<string, string> = {};
  for (const [flag, value] of Object.entries(values)) {
    const field = FLAGS[flag];
    if (field === undefined || value === undefined) continue;
    flagOf[field] = `--${flag}`;
    fromFlags[field] = (NUMBER_FIELDS as readonly string[]).includes(field) ? toNumber(`--${flag}`, value) : value;
  }
  const describeField = (field: string): string =>
    flagOf[field] ?? (configPath !== undefined && field in fromFile ? `${field} in ${configPath}` : `${flagFor(field)} (or ${field} in the config file)`);
  return parseAgentConfig({ ...fromFile, ...fromFlags }, describeField);
};

const flagFor = (field: string): string => `--${Object.entries(ALIASES).find(([, f]) => f === field)?.[0] ?? kebab(field)}`;

const readConfigFile = (path: string, readText: ReadText): Record<string, unknown> => {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    throw new AgentConfigError(`--config ${path}: cannot read it (${(error as Error).message})`, { cause: error });
  }
  let content: unknown;
  try {
    // YAML 1.2 is a superset of JSON: one parser reads both.
    content = parseYaml(text);
  } catch (error) {
    throw new AgentConfigError(`--config ${path}: not valid JSON or YAML (${(error as Error).message})`, { cause: error });
  }
  if (content === null || content === undefined) return {};
  if (typeof content !== 'object' || Array.isArray(content)) throw new AgentConfigError(`--config ${path}: expected a mapping of settings`);
  return content as Record<string, unknown>;
};

const toNumber = (flag: string, value: string | boolean): number => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new AgentConfigError(`invalid agent configuration:\n  - ${flag}: expected a number, got "${String(value)}"`);
  return number;
};
