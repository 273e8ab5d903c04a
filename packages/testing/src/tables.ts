import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableKeySchema, type TableDef } from '@bank/topology';

/**
 * Creates a table with the keys (and stream) of a topology table under another name, so a test
 * gets its own copy of exactly what the stack declares.
 */
export async function createTableLike(client: DynamoDBClient, table: TableDef, tableName: string): Promise<string> {
  await client.send(new CreateTableCommand({ TableName: tableName, BillingMode: 'PAY_PER_REQUEST', ...tableKeySchema(table) }));
  return tableName;
}
