/** Creates a ledger table on an emulator with the key schema of infra/ledger-table.yml, so the two cannot drift. */
import { readFileSync } from 'node:fs';
import {
  CreateTableCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';

interface LedgerTableTemplate {
  Resources: {
    LedgerTable: {
      Properties: {
        AttributeDefinitions: AttributeDefinition[];
        KeySchema: KeySchemaElement[];
        GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
        BillingMode: 'PAY_PER_REQUEST';
      };
    };
  };
}

/** The LedgerTable properties as deployed (infra/ledger-table.yml), parsed. */
export const ledgerTableProperties = (): LedgerTableTemplate['Resources']['LedgerTable']['Properties'] => {
  const text = readFileSync(new URL('../../infra/ledger-table.yml', import.meta.url), 'utf8');
  return (parse(text) as LedgerTableTemplate).Resources.LedgerTable.Properties;
};

/**
 * Creates `tableName` with the deployed table's keys, indexes and billing mode (TTL, PITR and SSE are not
 * emulated; the adapter does not depend on them).
 */
export const createLedgerTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode } = ledgerTableProperties();
  await client.send(
    new CreateTableCommand({ TableName: tableName, AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode }),
  );
};
