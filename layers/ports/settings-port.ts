/** Operator switches read at run time (SSM Parameter Store): the global kill switch. */
import { PortError } from './port-error';

/**
 * Why the kill switch could not be read. The port never throws it (it fails closed instead); the adapter hands
 * it to its `onReadError` hook so the composition root can log why fleet changes are paused.
 */
export class SettingsError extends PortError {
  override readonly name = 'SettingsError';
}

export interface SettingsPort {
  /** True when the kill switch is engaged: no mutating call may be made. Fails closed (engaged) on errors. */
  killSwitchEngaged(): Promise<boolean>;
}
