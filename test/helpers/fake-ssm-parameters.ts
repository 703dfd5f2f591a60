/** SSM Parameter Store behind aws-sdk-client-mock: GetParameter answers from stored String parameters, in the documented shape. */
import { GetParameterCommand, ParameterNotFound, type GetParameterCommandInput, type SSMClient } from '@aws-sdk/client-ssm';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

export interface FakeSsmParameters {
  mock: AwsClientStub<SSMClient>;
  /** Sets a String parameter (a new version each time); `undefined` deletes it. */
  put(name: string, value: string | undefined): void;
}

export const fakeSsmParameters = (client: SSMClient): FakeSsmParameters => {
  const parameters = new Map<string, { value: string; version: number }>();
  const mock = mockClient(client);
  mock.on(GetParameterCommand).callsFake((input: GetParameterCommandInput) => {
    const name = input.Name ?? '';
    const stored = parameters.get(name);
    // GetParameter answers a missing name with ParameterNotFound (HTTP 400) and no message body worth reading.
    if (!stored) throw new ParameterNotFound({ message: '', $metadata: { httpStatusCode: 400 } });
    return {
      Parameter: {
        Name: name,
        Type: 'String',
        Value: stored.value,
        Version: stored.version,
        LastModifiedDate: new Date(Date.UTC(2026, 2, 1, 11, 0, 0)),
        ARN: `arn:aws:ssm:us-east-1:123456789012:parameter${name}`,
        DataType: 'text',
      },
      $metadata: { httpStatusCode: 200 },
    };
  });
  return {
    mock,
    put: (name, value) => {
      if (value === undefined) {
        parameters.delete(name);
        return;
      }
      parameters.set(name, { value, version: (parameters.get(name)?.version ?? 0) + 1 });
    },
  };
};
