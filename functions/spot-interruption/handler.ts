/** Deployed entry of the spot-interruption function: AWS adapters wired once per cold start. */
import { readEnv } from '../../layers/platform/config';
import { awsSpotDeps } from './aws-deps';
import { makeHandler } from './make-handler';

export const handler = makeHandler(awsSpotDeps(readEnv()));
