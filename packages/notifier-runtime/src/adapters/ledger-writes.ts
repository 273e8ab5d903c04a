import type {
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

/** The shapes of the delivery ledger's conditional writes. */

// UpdateExpression required: the same input serves UpdateItem and a transaction's Update.
export type UpdateInput = ConstructorParameters<typeof UpdateCommand>[0] & {
  UpdateExpression: string;
};
export type PutInput = ConstructorParameters<typeof PutCommand>[0];
export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
>[number];

/** A conditional write of a delivery record: an update, or the whole record. */
export type RecordWrite =
  { readonly update: UpdateInput } | { readonly put: PutInput };

/** A SENT record's write and the provider-message lookup items written with it. */
export interface SentWrite {
  readonly record: RecordWrite;
  readonly lookups: readonly TransactItem[];
}

export const asTransactItem = (write: RecordWrite): TransactItem =>
  "update" in write ? { Update: write.update } : { Put: write.put };
