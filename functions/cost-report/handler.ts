/** Deployed entry of the cost-report function: AWS adapters wired once per cold start. */
import { readEnv } from '../../layers/platform/config';
import { awsCostReportDeps } from './aws-deps';
import { makeCostReportHandler } from './make-handler';

export const handler = makeCostReportHandler(awsCostReportDeps(readEnv()));
