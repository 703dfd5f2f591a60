/** Deployed entry of the gpu-alarm function: AWS adapters wired once per cold start. */
import { readEnv } from '../../layers/platform/config';
import { awsGpuAlarmDeps } from './aws-deps';
import { makeGpuAlarmHandler } from './make-handler';

export const handler = makeGpuAlarmHandler(awsGpuAlarmDeps(readEnv()));
