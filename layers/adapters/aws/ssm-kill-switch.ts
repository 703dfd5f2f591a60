/** SettingsPort on SSM Parameter Store: the global kill switch, read with GetParameter and cached briefly. */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { SettingsError, type SettingsPort } from '../../ports/settings-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';

const ENGAGED = new Set(['on', 'true', '1', 'engaged']);
const RELEASED = new Set(['off', 'false', '0']);

export interface SsmKillSwitchOptions {
  ssm: SSMClient;
  /** e.g. `/gpu-fleet-autopilot/prod/kill-switch` (a String parameter). */
  parameterName: string;
  /** How long one answer is reused; a burst of events then costs one GetParameter. Default 10 s. */
  maxAgeMs?: number;
  /** The clock the cache ages by. Default: the system clock. */
  nowMs?: () => number;
  /** Told why the switch reads as engaged when that answer comes from a failure, not from the parameter. */
  onReadError?: (error: SettingsError) => void;
}

interface CachedAnswer {
  engaged: Promise<boolean>;
  readAtMs: number;
}

/**
 * `on`, `true`, `1`, `engaged` (any case) engage the switch; `off`, `false`, `0` release it.
 * A parameter that does not exist releases it: a fresh deployment runs until an operator creates the parameter.
 * Any other value, and any other failure, engages it (fail closed), and is reported to `onReadError`.
 *
 * @example
 * const killSwitch = new SsmKillSwitch({ ssm: new SSMClient({}), parameterName: '/gpu-fleet-autopilot/prod/kill-switch' });
 * if (await killSwitch.killSwitchEngaged()) return blockedPlan;
 */
export class SsmKillSwitch implements SettingsPort {
  private readonly options: SsmKillSwitchOptions;
  private readonly maxAgeMs: number;
  private readonly nowMs: () => number;
  private cached: CachedAnswer | undefined;

  constructor(options: SsmKillSwitchOptions) {
    this.options = options;
    this.maxAgeMs = options.maxAgeMs ?? 10_000;
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Never throws. Concurrent callers share one request; failures are cached too, so a throttled SSM is not pressed harder. */
  killSwitchEngaged(): Promise<boolean> {
    const now = this.nowMs();
    if (this.cached && now - this.cached.readAtMs < this.maxAgeMs) return this.cached.engaged;
    this.cached = { engaged: this.read(), readAtMs: now };
    return this.cached.engaged;
  }

  private async read(): Promise<boolean> {
    const name = this.options.parameterName;
    let value: string | undefined;
    try {
      const output = await this.options.ssm.send(new GetParameterCommand({ Name: name }));
      value = output.Parameter?.Value;
    } catch (error) {
      if (awsErrorName(error) === 'ParameterNotFound') return false;
      const reason = error instanceof Error ? error.message : String(error);
      return this.failClosed(new SettingsError(`reading kill switch ${name}: ${reason}`, awsErrorName(error), isRetryableAwsError(error), { cause: error }));
    }
    const normalized = value?.trim().toLowerCase() ?? '';
    if (ENGAGED.has(normalized)) return true;
    if (RELEASED.has(normalized)) return false;
    return this.failClosed(new SettingsError(`reading kill switch ${name}: value "${value ?? ''}" is not on/off`, 'UnrecognizedValue', false));
  }

  private failClosed(error: SettingsError): true {
    try {
      this.options.onReadError?.(error);
    } catch {
      // A reporter that fails must not turn the fail-closed answer into a rejection.
    }
    return true;
  }
}
