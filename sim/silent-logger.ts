/** A Powertools Logger that prints nothing: the replay and the simulator print their own report. */
import { Logger } from '@aws-lambda-powertools/logger';

export const silentLogger = (): Logger => new Logger({ serviceName: 'gpu-fleet-autopilot', logLevel: 'SILENT' });
