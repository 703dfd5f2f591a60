/** Operator switches read at run time (SSM Parameter Store): the global kill switch. */

export interface SettingsPort {
  /** True when the kill switch is engaged: no mutating call may be made. Fails closed (engaged) on errors. */
  killSwitchEngaged(): Promise<boolean>;
}
