/** The ledger table's calls (get, put, conditional put/delete, paged query): SDK errors become LedgerErrors. */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type QueryCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { LedgerKey } from './dynamodb-ledger-keys';
import { isConditionalCheckFailed, toLedgerError } from './ledger-error';

type Item = Record<string, unknown>;

/**
 * One DynamoDB table seen through a document client. Each method takes `doing` ("claiming key k"), the
 * start of the message of the LedgerError it throws. A failed condition is an answer (false), not an error.
 */
export class LedgerTable {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Strongly consistent: every read here feeds a decision or a conditional write. */
  async get(doing: string, key: LedgerKey): Promise<Item | undefined> {
    const output = await this.attempt(doing, () =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
    );
    return output.Item;
  }

  async put(doing: string, item: Item): Promise<void> {
    await this.attempt(doing, () => this.doc.send(new PutCommand({ TableName: this.tableName, Item: item })));
  }

  /** A conditional put: false when the condition did not hold. */
  async putIf(doing: string, input: Omit<PutCommandInput, 'TableName'>): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ ...input, TableName: this.tableName }));
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toLedgerError(doing, error);
    }
  }

  async update(doing: string, input: Omit<UpdateCommandInput, 'TableName'>): Promise<void> {
    await this.attempt(doing, () => this.doc.send(new UpdateCommand({ ...input, TableName: this.tableName })));
  }

  /** A conditional delete: a failed condition means there was nothing of the caller's to delete. */
  async deleteIf(doing: string, input: Omit<DeleteCommandInput, 'TableName'>): Promise<void> {
    try {
      await this.doc.send(new DeleteCommand({ ...input, TableName: this.tableName }));
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw toLedgerError(doing, error);
    }
  }

  /** All items of a query, following LastEvaluatedKey across the 1 MB pages. */
  async queryAll(doing: string, input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    await this.eachPage(doing, input, (page) => items.push(...(page.Items ?? [])));
    return items;
  }

  /** The number of items a query matches (Select COUNT), summed across pages. */
  async count(doing: string, input: Omit<QueryCommandInput, 'TableName' | 'Select'>): Promise<number> {
    let count = 0;
    await this.eachPage(doing, { ...input, Select: 'COUNT' }, (page) => {
      count += page.Count ?? 0;
    });
    return count;
  }

  private async eachPage(
    doing: string,
    input: Omit<QueryCommandInput, 'TableName'>,
    onPage: (page: { Items?: Item[]; Count?: number }) => void,
  ): Promise<void> {
    let startKey: Item | undefined;
    do {
      const page = await this.attempt(doing, () =>
        this.doc.send(
          new QueryCommand({ ...input, TableName: this.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
        ),
      );
      onPage(page);
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }

  private async attempt<T>(doing: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toLedgerError(doing, error);
    }
  }
}
