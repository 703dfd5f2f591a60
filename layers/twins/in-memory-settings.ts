/** Twin of the SSM kill-switch parameter: holds its raw value and reads it with the adapter's rules. */
import { SettingsError, type SettingsPort } from '../ports/settings-port';

/** What the twin can be told to make the next reads fail with (they then read as engaged: fail closed). */
export type SettingsFailure = 'throttling' | 'unavailable';

const RELEASED = new Set(['off', 'false', '0']);
const ENGAGED = new Set(['on', 'true', '1', 'engaged']);

/**
 * The parameter's value as an operator would type it; `undefined` is a parameter that does not exist
 * (a fresh deployment: not engaged). Unknown values and failures read as engaged and are reported to
 * `onReadError`, as in SsmKillSwitch. Changes are seen at once: the adapter's short cache is not part of the service.
 *
 * @example
 * const settings = new InMemorySettings();
 * settings.engage();
 * await settings.killSwitchEngaged(); // true
 */
export class InMemorySettings implements SettingsPort {
  private value: string | undefined;
  private failures: SettingsFailure[] = [];
  private readonly onReadError: ((error: SettingsError) => void) | undefined;

  constructor(options: { value?: string; onReadError?: (error: SettingsError) => void } = {}) {
    this.value = options.value;
    this.onReadError = options.onReadError;
  }

  /** Sets the parameter's raw value; `undefined` deletes the parameter. */
  set(value: string | undefined): void {
    this.value = value;
  }

  engage(): void {
    this.value = 'on';
  }

  release(): void {
    this.value = 'off';
  }

  async killSwitchEngaged(): Promise<boolean> {
    const failure = this.failures.shift();
    if (failure) {
      const code = failure === 'throttling' ? 'ThrottlingException' : 'InternalServerError';
      this.onReadError?.(new SettingsError(`reading kill switch: ${code} (twin)`, code, true));
      return true;
    }
    if (this.value === undefined) return false;
    const normalized = this.value.trim().toLowerCase();
    if (ENGAGED.has(normalized)) return true;
    if (RELEASED.has(normalized)) return false;
    this.onReadError?.(new SettingsError(`reading kill switch: value "${this.value}" is not on/off`, 'UnrecognizedValue', false));
    return true;
  }

  /** Makes the next `times` reads fail (and so read as engaged). */
  failNext(failure: SettingsFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  reset(): void {
    this.value = undefined;
    this.failures = [];
  }
}
