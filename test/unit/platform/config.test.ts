// Environment configuration: parsed once with defaults, every missing or bad variable named.
import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '../../../layers/platform/config';

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
});
