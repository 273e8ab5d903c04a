import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { TableDef } from '@bank/topology';
import { Construct } from 'constructs';

function attribute(name: string): { name: string; type: AttributeType } {
  return { name, type: AttributeType.STRING };
}

/**
 * One on-demand table from its topology definition: PITR, TTL, stream and global secondary
 * indexes as declared, deletion protection on, encrypted with the given customer-managed key
 * (else DynamoDB's own key).
 */
export function tableFromDef(scope: Construct, id: string, def: TableDef, options: { readonly encryptionKey?: IKey } = {}): Table {
  const table = new Table(scope, id, {
    tableName: def.name,
    partitionKey: attribute(def.partitionKey),
    ...(def.sortKey ? { sortKey: attribute(def.sortKey) } : {}),
    ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
    ...(def.stream === 'NEW_IMAGE' ? { stream: StreamViewType.NEW_IMAGE } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // DeleteTable is refused until someone turns this off on purpose.
    deletionProtection: true,
    ...(options.encryptionKey ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: options.encryptionKey } : {}),
    // Ledger data outlives the stack: `cdk destroy` leaves the tables for a deliberate delete.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of def.indexes ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}
