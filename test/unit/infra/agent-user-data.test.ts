// The GPU hosts' user data: valid bash, and it installs the CloudWatch agent config the fleet's GPU alarms read.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const USER_DATA = 'infra/agent/user-data.sh';
const AGENT_CONFIG = 'infra/cloudwatch-agent-gpu.json';

describe('agent user data', () => {
  it('is a bash script bash accepts', () => {
    // Act: `bash -n` parses without running; it exits non-zero on a syntax error, which throws here.
    const run = () => execFileSync('bash', ['-n', USER_DATA], { stdio: 'pipe' });
    // Assess
    expect(run).not.toThrow();
  });

  it('fills the fleet id into the placeholder the CloudWatch agent config carries, and loads that config', () => {
    // Prepare
    const script = readFileSync(USER_DATA, 'utf8');
    const config = JSON.parse(readFileSync(AGENT_CONFIG, 'utf8')) as { metrics: { metrics_collected: { nvidia_gpu: { append_dimensions: Record<string, string> } } } };
    // Act
    const placeholder = config.metrics.metrics_collected.nvidia_gpu.append_dimensions.FleetId;
    // Assess: the placeholder the script replaces is the one in the config, and the agent is started with it.
    expect(placeholder).toBe('@FLEET_ID@');
    expect(script).toContain(`sed "s/${placeholder}/$FLEET_ID/"`);
    expect(script).toContain('cloudwatch-agent-gpu.json');
    expect(script).toMatch(/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s/);
    expect(script).toContain('Name=key,Values=aws:ec2:fleet-id');
  });
});
