/* eslint-disable */
/**
 * Generated from api/OpenAccountRequest.json by scripts/generate.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * Body of POST /accounts. Contact details come from the caller's identity, never from the body.
 */
export interface OpenAccountRequest {
  notifications?: NotificationPreferences;
  /**
   * Supported currencies.
   */
  currency?: 'USD';
  /**
   * Major units.
   */
  initialDeposit?: number;
  /**
   * Operators only: the account id to use; the service generates one otherwise.
   */
  accountId?: string;
  /**
   * Operators only: the customer (Cognito sub) the account is opened for; default the caller.
   */
  ownerId?: string;
}
/**
 * Per-channel opt-in by channel name (the platform's declared channels); omitted channels take their defaults. A channel can be on only while its contact is verified.
 */
export interface NotificationPreferences {
  [k: string]: boolean;
}
