/** Deployed entry of the cost-anomaly function: AWS adapters wired once per cold start. */
import { readEnv } from '../../layers/platform/config';
import { awsCostAnomalyDeps } from './aws-deps';
import { makeCostAnomalyHandler } from './make-handler';

export const handler = makeCostAnomalyHandler(awsCostAnomalyDeps(readEnv()));
