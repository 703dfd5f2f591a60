/** A secret (Slack bot token, webhook URL) read from an SSM SecureString, decrypted, cached, never logged. */
import { PortError } from '../../ports/port-error';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';

/** Reading the secret failed. The message names the parameter and the AWS error, never the value. */
export class SecretError extends PortError {
  override readonly name = 'SecretError';
}

export interface SsmSecretOptions {
  ssm: SSMClient;
  /** Parameter name, e.g. `/gpu-fleet-autopilot/prod/slack-bot-token` (type SecureString). */
  name: string;
  /** How long a read value is reused, so a burst of messages costs one GetParameter; a rotation shows after it. */
  maxAgeSeconds: number;
}

/**
 * A getter for one SecureString parameter: GetParameter WithDecryption, cached for `maxAgeSeconds`.
 *
 * Built on Powertools' SSMProvider, which takes our injected client (`awsSdkV3Client`) and already does the
 * decrypting, the max-age cache and the wrapping of SDK errors; we only type the failure. The cache ages by
 * the system clock (Powertools has no clock hook), which is fine for a secret's lifetime.
 * @see https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
 *
 * @example
 * const getToken = makeSsmSecret({ ssm: new SSMClient({}), name: '/gpu-fleet-autopilot/prod/slack-bot-token', maxAgeSeconds: 300 });
 * const notifier = new SlackBotNotifier({ getToken });
 */
export const makeSsmSecret = (options: SsmSecretOptions): (() => Promise<string>) => {
  const provider = new SSMProvider({ awsSdkV3Client: options.ssm });
  const { name, maxAgeSeconds } = options;
  return async () => {
    let value: string | undefined;
    try {
      value = await provider.get(name, { decrypt: true, maxAge: maxAgeSeconds });
    } catch (error) {
      // Powertools wraps the SDK error (GetParameterError); its cause says what AWS answered.
      const sdkError = error instanceof Error && error.cause !== undefined ? error.cause : error;
      const code = awsErrorName(sdkError);
      throw new SecretError(`reading secret ${name} from SSM: ${code}`, code, isRetryableAwsError(sdkError), { cause: sdkError });
    }
    if (typeof value !== 'string' || value === '') {
      throw new SecretError(`reading secret ${name} from SSM: the parameter has no value`, 'EmptyValue', false);
    }
    return value;
  };
};
