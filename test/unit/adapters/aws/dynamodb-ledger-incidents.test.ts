/** The order of the two writes of an incident save (no transactions): a crash between them must err on the safe side. */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDbLedger } from '../../../../layers/adapters/aws/dynamodb-ledger';
import { makeIncident } from '../../../helpers/incident-fixtures';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const FLEET_PK = 'FLEET#fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b';
const INSTANCE_PK = 'INSTANCE#i-0a1b2c3d4e5f60718';

/** A ledger on a mocked document client, and the writes it sent, as `<command> <pk>`. */
const recordingLedger = () => {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
  const mock = mockClient(doc);
  const writes = () =>
    mock.calls().map((call) => {
      const input = call.args[0].input as { Item?: { pk: string }; Key?: { pk: string } };
      return `${call.args[0].constructor.name} ${input.Item?.pk ?? input.Key?.pk}`;
    });
  return { mock, writes, ledger: new DynamoDbLedger({ client: doc, tableName: 'gpu-fleet-autopilot-dev-ledger' }) };
};

describe('DynamoDbLedger incident saves', () => {
  it('lists an open incident before saving it, so the forecast scaler never misses it', async () => {
    // Prepare
    const { mock, writes, ledger } = recordingLedger();
    mock.on(PutCommand).resolves({});

    // Act
    await ledger.saveIncident(makeIncident({ version: 1, phase: 'interruption-warned' }));

    // Assess
    expect(writes()).toEqual([`PutCommand ${FLEET_PK}`, `PutCommand ${INSTANCE_PK}`]);
  });

  it('unlists an ended incident only after saving it', async () => {
    // Prepare
    const { mock, writes, ledger } = recordingLedger();
    mock.on(PutCommand).resolves({});
    mock.on(DeleteCommand).resolves({});

    // Act
    await ledger.saveIncident(makeIncident({ version: 4, phase: 'closed' }));

    // Assess
    expect(writes()).toEqual([`PutCommand ${INSTANCE_PK}`, `DeleteCommand ${FLEET_PK}`]);
  });

  it('takes back the listing of an open save that lost to another incident of the instance', async () => {
    // Prepare
    const { mock, writes, ledger } = recordingLedger();
    const conflict = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    mock.on(PutCommand).resolves({});
    mock.on(PutCommand, { Item: { pk: INSTANCE_PK } }).rejects(conflict);
    mock.on(GetCommand).resolves({ Item: { ...makeIncident({ incidentId: 'spot-winner' }), pk: INSTANCE_PK, sk: 'INCIDENT' } });
    mock.on(DeleteCommand).resolves({});

    // Act
    const saving = ledger.saveIncident(makeIncident({ version: 1, incidentId: 'spot-loser' }));

    // Assess
    await expect(saving).rejects.toMatchObject({ name: 'IncidentConflictError' });
    expect(writes()).toEqual([`PutCommand ${FLEET_PK}`, `PutCommand ${INSTANCE_PK}`, `GetCommand ${INSTANCE_PK}`, `DeleteCommand ${FLEET_PK}`]);
    expect(mock.commandCalls(DeleteCommand)[0]?.args[0].input.Key).toEqual({ pk: FLEET_PK, sk: 'OPEN-INCIDENT#spot-loser' });
  });
});
