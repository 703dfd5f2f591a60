/** The naming contract of the GPU alarms: `<prefix>.<fleet name>.<kind>`, built by infra and read back by the parser. */
import { GPU_ALARM_KINDS, type GpuAlarmKind } from './gpu-alarm-signal';

/** The parts of one of our alarm names. */
export interface AlarmNameParts {
  prefix: string;
  fleetName: string;
  kind: GpuAlarmKind;
}

/** CloudWatch's limit on `AlarmName` (PutMetricAlarm API reference: length 1..255). */
export const MAX_ALARM_NAME_LENGTH = 255;

/**
 * The alarm name of one fleet's alarm, e.g. `gpu-fleet-autopilot-dev.bert-large-search.gpu-low`. The prefix is
 * the stack's `${service}-${stage}`, which holds no dot (infra/gpu-alarms.cjs refuses one), so the first dot
 * always ends the prefix and a fleet name may itself hold dots.
 */
export const alarmNameOf = (prefix: string, fleetName: string, kind: GpuAlarmKind): string => `${prefix}.${fleetName}.${kind}`;

const isKind = (value: string): value is GpuAlarmKind => (GPU_ALARM_KINDS as readonly string[]).includes(value);

/**
 * The parts of an alarm name made by `alarmNameOf`, or undefined for any other name (someone else's alarm,
 * a composite alarm, an unknown kind). The caller compares `prefix` with its own stack's.
 */
export const parseAlarmName = (name: string): AlarmNameParts | undefined => {
  if (name.length > MAX_ALARM_NAME_LENGTH) return undefined;
  const firstDot = name.indexOf('.');
  const lastDot = name.lastIndexOf('.');
  if (firstDot <= 0 || lastDot - firstDot < 2) return undefined;
  const kind = name.slice(lastDot + 1);
  if (!isKind(kind)) return undefined;
  return { prefix: name.slice(0, firstDot), fleetName: name.slice(firstDot + 1, lastDot), kind };
};
