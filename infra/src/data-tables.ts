import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { TableDef } from '@bank/topology';
import { Construct } from 'constructs';

function attribute(name: string): { name: string; type: AttributeType } {
  return { name, type: AttributeType.STRING };
}

/** One on-demand table from its topology definition: PITR, TTL and stream as declared. */
export function tableFromDef(scope: Construct, id: string, def: TableDef): Table {
  return new Table(scope, id, {
    tableName: def.name,
    partitionKey: attribute(def.partitionKey),
    ...(def.sortKey ? { sortKey: attribute(def.sortKey) } : {}),
    ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
    ...(def.stream === 'NEW_IMAGE' ? { stream: StreamViewType.NEW_IMAGE } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // Ledger data outlives the stack: `cdk destroy` leaves the tables for a deliberate delete.
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
