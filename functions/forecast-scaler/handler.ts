/** Deployed entry of the forecast-scaler function: AWS adapters wired once per cold start. */
import { readEnv } from '../../layers/platform/config';
import { awsForecastDeps } from './aws-deps';
import { makeForecastHandler } from './make-handler';

export const handler = makeForecastHandler(awsForecastDeps(readEnv()));
