/* eslint-disable */
/**
 * Generated from api/TransferRequest.json by scripts/generate.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * Body of POST /transfer.
 */
export interface TransferRequest {
  /**
   * The account debited.
   */
  fromAccountId: string;
  /**
   * The account credited.
   */
  toAccountId: string;
  /**
   * Major units (e.g. 10.5 is $10.50). Decimal places and the per-transaction maximum are checked by the service.
   */
  amount: number;
}
