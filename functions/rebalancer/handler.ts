/** Deployed entry of the rebalancer function: AWS adapters wired once per cold start. */
import { readEnv } from '../../layers/platform/config';
import { awsRebalanceDeps } from './aws-deps';
import { makeRebalanceHandler } from './make-handler';

export const handler = makeRebalanceHandler(awsRebalanceDeps(readEnv()));
