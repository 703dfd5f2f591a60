/** The instance calls of the EC2 FleetPort: DescribeInstances by filter, DescribeFleetInstances, TerminateInstances. */
import {
  DescribeFleetInstancesCommand,
  DescribeInstancesCommand,
  TerminateInstancesCommand,
  type DescribeFleetInstancesCommandInput,
  type DescribeInstancesCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { InstanceView } from '../../core/observed';
import { ec2ErrorCode, toFleetApiError } from './ec2-fleet-error';
import { toInstanceView } from './ec2-fleet-mapping';

/**
 * EC2 answers "too many filter values" (FilterLimitExceeded) past an undocumented cap, observed at 200 values;
 * batches stay at that size.
 */
export const FILTER_VALUES_PER_CALL = 200;

/** How DescribeFleets and DescribeFleetInstances say a fleet id does not exist (what EC2 sends; the reference lists none). */
export const FLEET_NOT_FOUND_CODES = new Set(['InvalidFleetId.NotFound', 'InvalidFleetId.Malformed']);

export const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** `i-1, i-2` or, for long lists, `i-1, i-2, i-3, i-4, i-5 and 12 more`: error messages stay readable. */
const listed = (ids: string[]): string =>
  ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;

/**
 * Describes by the `instance-id` filter rather than `InstanceIds`: with `InstanceIds`, one unknown or malformed
 * id (an instance long gone, one not yet propagated) fails the whole call with InvalidInstanceID.NotFound /
 * .Malformed, and recovering means parsing ids out of the error message. A filter simply matches nothing for
 * such ids, in one round trip, and also allows MaxResults pagination (which `InstanceIds` forbids).
 */
export const describeInstanceViews = async (ec2: EC2Client, instanceIds: string[]): Promise<InstanceView[]> => {
  const unique = [...new Set(instanceIds)];
  const views: InstanceView[] = [];
  try {
    for (const batch of chunks(unique, FILTER_VALUES_PER_CALL)) {
      let nextToken: string | undefined;
      do {
        const input: DescribeInstancesCommandInput = {
          Filters: [{ Name: 'instance-id', Values: batch }],
          MaxResults: 1000,
          ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
        };
        const page = await ec2.send(new DescribeInstancesCommand(input));
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) views.push(toInstanceView(instance));
        }
        nextToken = page.NextToken;
      } while (nextToken);
    }
  } catch (e) {
    throw toFleetApiError(`describing instances ${listed(unique)}`, e);
  }
  return views;
};

/**
 * The ids in DescribeFleetInstances' `ActiveInstances`, every page
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeFleetInstances.html); [] for an unknown fleet.
 */
export const activeFleetInstanceIds = async (ec2: EC2Client, fleetId: string): Promise<string[]> => {
  const ids: string[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const input: DescribeFleetInstancesCommandInput = { FleetId: fleetId, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
      const page = await ec2.send(new DescribeFleetInstancesCommand(input));
      for (const active of page.ActiveInstances ?? []) if (active.InstanceId !== undefined) ids.push(active.InstanceId);
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (e) {
    if (FLEET_NOT_FOUND_CODES.has(ec2ErrorCode(e) ?? '')) return [];
    throw toFleetApiError(`listing instances of fleet ${fleetId}`, e);
  }
  return ids;
};

/**
 * TerminateInstances for one id. EC2 answers an instance already shutting down or terminated with its state, so a
 * repeated call succeeds (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TerminateInstances.html).
 */
export const terminateOneInstance = async (ec2: EC2Client, instanceId: string): Promise<void> => {
  try {
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
  } catch (e) {
    throw toFleetApiError(`terminating instance ${instanceId}`, e);
  }
};
