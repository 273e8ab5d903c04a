import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption, type EnableScalingProps, type IScalableTableAttribute } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { TableDef } from '@bank/topology';
import { Construct } from 'constructs';
import type { ProvisionedCapacity } from './table-capacity';

function attribute(name: string): { name: string; type: AttributeType } {
  return { name, type: AttributeType.STRING };
}

/**
 * One table from its topology definition: PITR, TTL, stream and global secondary indexes as
 * declared, deletion protection on, encrypted with the given customer-managed key (else
 * DynamoDB's own key). On demand unless given a provisioned capacity, which the table and each
 * index then scale within on utilisation.
 */
export function tableFromDef(
  scope: Construct,
  id: string,
  def: TableDef,
  options: { readonly encryptionKey?: IKey; readonly capacity?: Required<ProvisionedCapacity> | undefined } = {},
): Table {
  const { capacity } = options;
  const startUnits = capacity ? { readCapacity: capacity.readUnits.min, writeCapacity: capacity.writeUnits.min } : {};
  const table = new Table(scope, id, {
    tableName: def.name,
    partitionKey: attribute(def.partitionKey),
    ...(def.sortKey ? { sortKey: attribute(def.sortKey) } : {}),
    ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
    ...(def.stream === 'NEW_IMAGE' ? { stream: StreamViewType.NEW_IMAGE } : {}),
    billingMode: capacity ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
    ...startUnits,
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
      ...startUnits,
    });
    if (capacity) {
      scaleWithin(
        capacity,
        (range) => table.autoScaleGlobalSecondaryIndexReadCapacity(index.name, range),
        (range) => table.autoScaleGlobalSecondaryIndexWriteCapacity(index.name, range),
      );
    }
  }
  if (capacity) {
    scaleWithin(
      capacity,
      (range) => table.autoScaleReadCapacity(range),
      (range) => table.autoScaleWriteCapacity(range),
    );
  }
  return table;
}

type ScaleAttribute = (range: EnableScalingProps) => IScalableTableAttribute;

/** Reads and writes (of a table or of an index) scale within their ranges on utilisation. */
function scaleWithin(capacity: Required<ProvisionedCapacity>, reads: ScaleAttribute, writes: ScaleAttribute): void {
  const target = { targetUtilizationPercent: capacity.targetUtilizationPercent };
  reads({ minCapacity: capacity.readUnits.min, maxCapacity: capacity.readUnits.max }).scaleOnUtilization(target);
  writes({ minCapacity: capacity.writeUnits.min, maxCapacity: capacity.writeUnits.max }).scaleOnUtilization(target);
}
