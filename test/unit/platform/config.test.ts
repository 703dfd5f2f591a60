// Environment configuration: parsed once with defaults, every missing or bad variable named.
import { describe, expect, it } from 'vitest';
import { accountIdOf, ConfigError, readEnv, schedulerEnvOf } from '../../../layers/platform/config';

const ENV = {
  STAGE: 'prod',
  AWS_REGION: 'us-east-1',
  LEDGER_TABLE: 'gpu-fleet-autopilot-prod-ledger',
  KILL_SWITCH_PARAM: '/gpu-fleet-autopilot/prod/kill-switch',
  SLACK_SECRET_PARAM: '/gpu-fleet-autopilot/prod/slack-token',
  SCHEDULER_GROUP: 'gpu-fleet-autopilot-prod',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  SCHEDULER_TARGET_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:spot',
};

describe('readEnv', () => {
  it('applies the documented defaults', () => {
    expect(readEnv(ENV)).toMatchObject({ FLEETS_FILE: 'config/fleets.yaml', DRY_RUN: false, SLACK_MODE: 'bot', MAX_SURGE_UNITS_PER_EVENT: 1000 });
  });

  it('reads flags and numbers', () => {
    expect(readEnv({ ...ENV, DRY_RUN: 'true', MAX_SURGE_UNITS_PER_EVENT: '250', SLACK_MODE: 'webhook' })).toMatchObject({
      DRY_RUN: true,
      MAX_SURGE_UNITS_PER_EVENT: 250,
      SLACK_MODE: 'webhook',
    });
  });

  it('names every missing or bad variable at once', () => {
    const { LEDGER_TABLE: _t, ...rest } = ENV;
    const read = () => readEnv({ ...rest, DRY_RUN: 'yes' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/LEDGER_TABLE[\s\S]*DRY_RUN|DRY_RUN[\s\S]*LEDGER_TABLE/);
  });

  it('gives the cost functions their defaults and reads their settings', () => {
    // Act
    const defaults = readEnv(ENV);
    const given = readEnv({ ...ENV, ACCOUNT_ID: '123456789012', SPEND_WATCH_TOLERANCE: '0.5', COST_REQUESTS_SOURCE: 'sqs-deleted', COST_GPU_PERIOD_SECONDS: '600' });
    // Assess
    expect(defaults).toMatchObject({ SPEND_WATCH_INTERVAL_MINUTES: 5, SPEND_WATCH_TOLERANCE: 0.25, SPEND_WATCH_SUSTAIN_SECONDS: 900, COST_REQUESTS_SOURCE: 'agent-served', COST_IDLE_GPU_PERCENT: 10, COST_GPU_PERIOD_SECONDS: 300, AGENT_METRICS_NAMESPACE: 'GpuFleetAutopilot/Agent' });
    expect(given).toMatchObject({ ACCOUNT_ID: '123456789012', SPEND_WATCH_TOLERANCE: 0.5, COST_REQUESTS_SOURCE: 'sqs-deleted', COST_GPU_PERIOD_SECONDS: 600 });
    expect(() => readEnv({ ...ENV, COST_GPU_PERIOD_SECONDS: '90' })).toThrow(/COST_GPU_PERIOD_SECONDS: must be a multiple of 60/);
    expect(() => readEnv({ ...ENV, ACCOUNT_ID: '1234' })).toThrow(/ACCOUNT_ID: must be a 12-digit AWS account id/);
  });

  it('reads the per-tier cost remediation overrides as JSON, naming what is wrong', () => {
    // Act
    const env = readEnv({ ...ENV, COST_REMEDIATION: '{"critical":{"handsOff":["undo-surge"],"recommendAboveUsdPerHour":10}}' });
    // Assess
    expect(readEnv(ENV).COST_REMEDIATION).toEqual({});
    expect(env.COST_REMEDIATION).toEqual({ critical: { handsOff: ['undo-surge'], recommendAboveUsdPerHour: 10 } });
    expect(() => readEnv({ ...ENV, COST_REMEDIATION: '{critical' })).toThrow(/COST_REMEDIATION: must be JSON/);
    expect(() => readEnv({ ...ENV, COST_REMEDIATION: '{"critical":{"handsOff":["terminate-all"]}}' })).toThrow(/COST_REMEDIATION\.critical\.handsOff\[0\]/);
  });

  it('asks for the scheduler variables and the account id only of the functions that use them, naming what is missing', () => {
    // Prepare
    const { SCHEDULER_GROUP: _g, SCHEDULER_ROLE_ARN: _r, SCHEDULER_TARGET_ARN: _t, ...withoutScheduler } = ENV;
    // Act
    const env = readEnv(withoutScheduler);
    // Assess
    expect(() => schedulerEnvOf(env)).toThrow(/SCHEDULER_GROUP: required[\s\S]*SCHEDULER_ROLE_ARN[\s\S]*SCHEDULER_TARGET_ARN/);
    expect(() => accountIdOf(env)).toThrow(/ACCOUNT_ID: required by the cost-anomaly function/);
    expect(schedulerEnvOf(readEnv(ENV))).toEqual({ group: ENV.SCHEDULER_GROUP, roleArn: ENV.SCHEDULER_ROLE_ARN, targetArn: ENV.SCHEDULER_TARGET_ARN });
  });
});
