/** Runs the SettingsPort contract against SsmKillSwitch over a mocked SSM, and checks its request and its cache. */
import { GetParameterCommand, SSMClient, ThrottlingException } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SsmKillSwitch } from '../../layers/adapters/aws/ssm-kill-switch';
import type { SettingsError } from '../../layers/ports/settings-port';
import { fakeSsmParameters } from '../helpers/fake-ssm-parameters';
import { describeSettingsContract } from './settings.contract';

const PARAMETER = '/gpu-fleet-autopilot/prod/kill-switch';
const newClient = (): SSMClient => new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const throttling = (): ThrottlingException =>
  new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

describeSettingsContract('SsmKillSwitch on a mocked SSM', () => {
  const readErrors: SettingsError[] = [];
  const ssm = newClient();
  const fake = fakeSsmParameters(ssm);
  const throttled = newClient();
  mockClient(throttled).on(GetParameterCommand).rejects(throttling());
  const onReadError = (error: SettingsError): void => {
    readErrors.push(error);
  };
  return {
    port: new SsmKillSwitch({ ssm, parameterName: PARAMETER, onReadError }),
    unavailablePort: new SsmKillSwitch({ ssm: throttled, parameterName: PARAMETER, onReadError }),
    setParameter: (value) => fake.put(PARAMETER, value),
    readErrors,
  };
});

describe('SsmKillSwitch', () => {
  const setup = (value: string | undefined, options: { maxAgeMs?: number } = {}) => {
    let now = Date.UTC(2026, 2, 1, 12, 0, 0);
    const ssm = newClient();
    const fake = fakeSsmParameters(ssm);
    fake.put(PARAMETER, value);
    const killSwitch = new SsmKillSwitch({ ssm, parameterName: PARAMETER, nowMs: () => now, ...options });
    return { fake, killSwitch, advance: (ms: number) => (now += ms) };
  };

  it('asks GetParameter for the configured parameter', async () => {
    // Prepare
    const { fake, killSwitch } = setup('off');

    // Act
    await killSwitch.killSwitchEngaged();

    // Assess
    expect(fake.mock.commandCalls(GetParameterCommand).map((c) => c.args[0].input)).toEqual([{ Name: PARAMETER }]);
  });

  it('answers a burst of reads within 10 seconds with one request, concurrent ones included', async () => {
    // Prepare
    const { fake, killSwitch, advance } = setup('off');

    // Act
    await Promise.all([killSwitch.killSwitchEngaged(), killSwitch.killSwitchEngaged()]);
    advance(9_999);
    await killSwitch.killSwitchEngaged();

    // Assess
    expect(fake.mock.commandCalls(GetParameterCommand)).toHaveLength(1);
  });

  it('sees an operator engaging the switch once the cached answer is older than maxAgeMs', async () => {
    // Prepare
    const { fake, killSwitch, advance } = setup('off', { maxAgeMs: 2_000 });
    const before = await killSwitch.killSwitchEngaged();
    fake.put(PARAMETER, 'on');

    // Act
    advance(1_999);
    const cached = await killSwitch.killSwitchEngaged();
    advance(1);
    const fresh = await killSwitch.killSwitchEngaged();

    // Assess
    expect([before, cached, fresh]).toEqual([false, false, true]);
  });

  it('keeps a failed read engaged for the cache period rather than pressing a throttled SSM', async () => {
    // Prepare
    const ssm = newClient();
    const mock = mockClient(ssm);
    mock.on(GetParameterCommand).rejectsOnce(throttling()).resolves({ Parameter: { Name: PARAMETER, Type: 'String', Value: 'off', Version: 1 } });
    let now = 0;
    const killSwitch = new SsmKillSwitch({ ssm, parameterName: PARAMETER, nowMs: () => now });

    // Act
    const first = await killSwitch.killSwitchEngaged();
    const second = await killSwitch.killSwitchEngaged();
    now += 10_000;
    const third = await killSwitch.killSwitchEngaged();

    // Assess
    expect([first, second, third]).toEqual([true, true, false]);
    expect(mock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('reports a failed read with the SDK error as its cause, and still fails closed when the reporter throws', async () => {
    // Prepare
    const ssm = newClient();
    const error = throttling();
    mockClient(ssm).on(GetParameterCommand).rejects(error);
    const reported: SettingsError[] = [];
    const killSwitch = new SsmKillSwitch({
      ssm,
      parameterName: PARAMETER,
      onReadError: (e) => {
        reported.push(e);
        throw new Error('logger is down');
      },
    });

    // Act
    const engaged = await killSwitch.killSwitchEngaged();

    // Assess
    expect(engaged).toBe(true);
    expect(reported).toEqual([expect.objectContaining({ code: 'ThrottlingException', retryable: true, cause: error })]);
    expect(reported[0]?.message).toBe(`reading kill switch ${PARAMETER}: Rate exceeded`);
  });
});
