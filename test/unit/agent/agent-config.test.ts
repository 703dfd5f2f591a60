// The agent's configuration: defaults, flags over file, and errors that name the flag or field to fix.
import { describe, expect, it } from 'vitest';
import { AgentConfigError, parseAgentConfig, queueNameOf, regionOf } from '../../../agent/agent-config';
import { readAgentConfig } from '../../../agent/agent-config-sources';

const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/bert-large-work';

const files = (content: Record<string, string>) => (path: string) => {
  const text = content[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};
const noFiles = files({});

const errorOf = (run: () => unknown): AgentConfigError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AgentConfigError) return error;
    throw error;
  }
  throw new Error('expected an AgentConfigError');
};

describe('parseAgentConfig', () => {
  it('fills the defaults sized for Triton beside an SQS queue', () => {
    // Act
    const config = parseAgentConfig({ queueUrl: QUEUE, model: 'bert-large' });

    // Assess
    expect(config).toMatchObject({
      tritonUrl: 'http://127.0.0.1:8000',
      concurrency: 8,
      maxMessages: 10,
      waitTimeSeconds: 20,
      visibilityTimeoutSeconds: 60,
      heartbeatSeconds: 20,
      drainOnRebalance: false,
      safetyMarginSeconds: 10,
      sigtermGraceSeconds: 30,
      imdsUrl: 'http://169.254.169.254',
      imdsPollSeconds: 2,
      tritonRetries: 3,
      healthPort: 8080,
      replyQueueAttribute: 'ReplyQueueUrl',
      metricsIntervalSeconds: 60,
      metricsNamespace: 'GpuFleetAutopilot/Agent',
    });
  });

  it('derives the heartbeat from the visibility timeout and rejects one that is not below it', () => {
    // Act
    const derived = parseAgentConfig({ queueUrl: QUEUE, model: 'm', visibilityTimeoutSeconds: 90 });
    const error = errorOf(() => parseAgentConfig({ queueUrl: QUEUE, model: 'm', visibilityTimeoutSeconds: 30, heartbeatSeconds: 30 }));

    // Assess
    expect(derived.heartbeatSeconds).toBe(30);
    expect(error.message).toContain('heartbeatSeconds: must be below visibilityTimeoutSeconds (30)');
  });

  it('names every missing or out-of-range field, and unknown ones', () => {
    // Act
    const error = errorOf(() => parseAgentConfig({ concurrency: 300, maxMessages: 11, waitTimeSeconds: 25, concurrencyy: 4 }));

    // Assess
    expect(error.message).toMatch(/queueUrl: /);
    expect(error.message).toMatch(/model: /);
    expect(error.message).toMatch(/concurrency: .*256/);
    expect(error.message).toMatch(/maxMessages: .*10/);
    expect(error.message).toMatch(/waitTimeSeconds: .*20/);
    expect(error.message).toContain('concurrencyy: unknown setting');
    expect(error.retryable).toBe(false);
  });
});

describe('readAgentConfig', () => {
  it('reads the issue command line: --queue, --triton, --model', () => {
    // Act
    const config = readAgentConfig(['--queue', QUEUE, '--triton', 'http://127.0.0.1:8001', '--model', 'bert-large', '--concurrency', '16', '--drain-on-rebalance'], noFiles);

    // Assess
    expect(config).toMatchObject({ queueUrl: QUEUE, tritonUrl: 'http://127.0.0.1:8001', model: 'bert-large', concurrency: 16, drainOnRebalance: true });
  });

  it('reads a YAML config file and lets flags override it', () => {
    // Prepare
    const yaml = ['queueUrl: ' + QUEUE, 'model: bert-large', 'concurrency: 32', 'safetyMarginSeconds: 15'].join('\n');

    // Act
    const config = readAgentConfig(['--config', '/etc/autopilot-agent.yaml', '--concurrency', '4'], files({ '/etc/autopilot-agent.yaml': yaml }));

    // Assess
    expect(config).toMatchObject({ queueUrl: QUEUE, model: 'bert-large', concurrency: 4, safetyMarginSeconds: 15 });
  });

  it('reads a JSON config file', () => {
    // Act
    const config = readAgentConfig(['--config', 'agent.json'], files({ 'agent.json': JSON.stringify({ queueUrl: QUEUE, model: 'reranker', visibilityTimeoutSeconds: 120 }) }));

    // Assess
    expect(config).toMatchObject({ model: 'reranker', visibilityTimeoutSeconds: 120, heartbeatSeconds: 40 });
  });

  it('names the flag when a flag is wrong, and the file field when the file is', () => {
    // Act
    const fromFlag = errorOf(() => readAgentConfig(['--queue', QUEUE, '--model', 'm', '--concurrency', '0'], noFiles));
    const notANumber = errorOf(() => readAgentConfig(['--queue', QUEUE, '--model', 'm', '--health-port', 'eighty'], noFiles));
    const fromFile = errorOf(() => readAgentConfig(['--config', 'a.yaml', '--model', 'm'], files({ 'a.yaml': 'queueUrl: not-a-url\nmaxMessages: 20\n' })));

    // Assess
    expect(fromFlag.message).toMatch(/--concurrency: .*1/);
    expect(notANumber.message).toContain('--health-port: expected a number, got "eighty"');
    expect(fromFile.message).toMatch(/queueUrl in a\.yaml: /);
    expect(fromFile.message).toMatch(/maxMessages in a\.yaml: /);
  });

  it('rejects an unknown flag, an unreadable file and a file that is not a mapping', () => {
    // Act
    const unknownFlag = errorOf(() => readAgentConfig(['--queue', QUEUE, '--model', 'm', '--concurency', '4'], noFiles));
    const missingFile = errorOf(() => readAgentConfig(['--config', 'nope.yaml'], noFiles));
    const listFile = errorOf(() => readAgentConfig(['--config', 'list.yaml'], files({ 'list.yaml': '- a\n- b\n' })));

    // Assess
    expect(unknownFlag.message).toContain('--concurency');
    expect(missingFile.message).toContain('--config nope.yaml: cannot read it');
    expect(listFile.message).toContain('--config list.yaml: expected a mapping of settings');
  });
});

describe('queueNameOf and regionOf', () => {
  it('reads the queue name and region from an SQS queue URL', () => {
    // Act and assess
    expect(queueNameOf(QUEUE)).toBe('bert-large-work');
    expect(regionOf(QUEUE)).toBe('eu-west-1');
    expect(regionOf('http://127.0.0.1:9324/000000000000/work')).toBeUndefined();
  });
});
