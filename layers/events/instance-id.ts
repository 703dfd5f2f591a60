/** The shape of an EC2 instance id, shared by every parser that reads one. */
import { z } from 'zod';

/** `i-` then 8 (older) or 17 (current) lowercase hex digits, as EC2 issues them. */
export const INSTANCE_ID_PATTERN = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** True when a string looks like an EC2 instance id (Health entities also name hosts, volumes, accounts). */
export const isInstanceId = (value: string): boolean => INSTANCE_ID_PATTERN.test(value);

/**
 * An EC2 instance id, validated.
 *
 * @example `InstanceIdSchema.parse('i-1234567890abcdef0')`
 */
export const InstanceIdSchema = z
  .string()
  .regex(INSTANCE_ID_PATTERN, { error: 'expected an EC2 instance id like i-1234567890abcdef0' });
