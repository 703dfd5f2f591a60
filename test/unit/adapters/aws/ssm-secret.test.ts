// makeSsmSecret against recorded GetParameter answers (aws-sdk-client-mock): decrypt, cache, typed errors.
import {
  GetParameterCommand,
  InternalServerError,
  ParameterNotFound,
  SSMClient,
  type GetParameterCommandOutput,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSsmSecret, SecretError } from '../../../../layers/adapters/aws/ssm-secret';

const NAME = '/gpu-fleet-autopilot/prod/slack-bot-token';
const TOKEN = 'xoxb-111111111111-222222222222-FakeBotTokenSecret0042';

/** GetParameter answer for a SecureString read WithDecryption (shape from the SSM API reference). */
const secureString = (value: string, version = 3): GetParameterCommandOutput => ({
  $metadata: { httpStatusCode: 200, requestId: 'c0a1b2c3-d4e5-4f60-8a9b-0c1d2e3f4a5b' },
  Parameter: {
    ARN: `arn:aws:ssm:us-east-1:111122223333:parameter${NAME}`,
    DataType: 'text',
    LastModifiedDate: new Date('2026-03-01T10:15:00Z'),
    Name: NAME,
    Type: 'SecureString',
    Value: value,
    Version: version,
  },
});

const failure = async (promise: Promise<unknown>): Promise<SecretError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecretError);
  return error as SecretError;
};

describe('makeSsmSecret', () => {
  const ssmMock = mockClient(SSMClient);
  const ssm = new SSMClient({ region: 'us-east-1' });

  beforeEach(() => {
    ssmMock.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-14T03:12:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the SecureString with decryption', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(secureString(TOKEN));

    // Act
    const value = await makeSsmSecret({ ssm, name: NAME, maxAgeSeconds: 300 })();

    // Assess
    expect(value).toBe(TOKEN);
    expect(ssmMock.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({ Name: NAME, WithDecryption: true });
  });

  it('reuses the value for maxAge, then reads the rotated value', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolvesOnce(secureString(TOKEN, 3)).resolvesOnce(secureString('xoxb-rotated', 4));
    const getToken = makeSsmSecret({ ssm, name: NAME, maxAgeSeconds: 300 });

    // Act
    const first = await getToken();
    vi.setSystemTime(new Date('2026-03-14T03:16:59Z'));
    const cached = await getToken();
    vi.setSystemTime(new Date('2026-03-14T03:17:01Z'));
    const rotated = await getToken();

    // Assess
    expect([first, cached, rotated]).toEqual([TOKEN, TOKEN, 'xoxb-rotated']);
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('gives a missing parameter as a non-retryable SecretError naming the parameter', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: '', $metadata: { httpStatusCode: 400 } }));

    // Act
    const error = await failure(makeSsmSecret({ ssm, name: NAME, maxAgeSeconds: 300 })());

    // Assess
    expect(error).toMatchObject({ code: 'ParameterNotFound', retryable: false });
    expect(error.message).toBe(`reading secret ${NAME} from SSM: ParameterNotFound`);
  });

  it('gives an SSM server error as retryable', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).rejects(new InternalServerError({ message: 'An internal error occurred', $metadata: { httpStatusCode: 500 } }));

    // Act
    const error = await failure(makeSsmSecret({ ssm, name: NAME, maxAgeSeconds: 300 })());

    // Assess
    expect(error).toMatchObject({ code: 'InternalServerError', retryable: true });
  });

  it('refuses an empty value', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(secureString(''));

    // Act
    const error = await failure(makeSsmSecret({ ssm, name: NAME, maxAgeSeconds: 300 })());

    // Assess
    expect(error).toMatchObject({ code: 'EmptyValue', retryable: false });
  });

  it('never writes the secret to the console', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(secureString(TOKEN));
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level));

    // Act
    await makeSsmSecret({ ssm, name: NAME, maxAgeSeconds: 300 })();

    // Assess
    for (const spy of spies) {
      expect(spy.mock.calls.flat().join(' ')).not.toContain(TOKEN);
      spy.mockRestore();
    }
  });
});
