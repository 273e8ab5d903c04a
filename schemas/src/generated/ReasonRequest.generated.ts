/* eslint-disable */
/**
 * Generated from api/ReasonRequest.json by scripts/generate-types.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * Body of an operator decision that records why: POST /accounts/{accountId}/freeze, POST /holds/{holdId}/decline (and, optionally, unfreeze). Write no personal data into a reason: it is kept and published with the event.
 */
export interface ReasonRequest {
  /**
   * Why, in a few words (e.g. "case 01J…: pass-through", "customer confirmed").
   */
  reason: string;
}
