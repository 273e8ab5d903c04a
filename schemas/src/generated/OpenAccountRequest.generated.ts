/* eslint-disable */
/**
 * Generated from api/OpenAccountRequest.json by scripts/generate-types.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * Body of POST /accounts.
 */
export interface OpenAccountRequest {
  /**
   * Client-chosen account id; the service generates one when absent.
   */
  accountId?: string;
  owner: AccountOwner;
  notifications?: NotificationPreferences;
  /**
   * Supported currencies.
   */
  currency?: 'USD';
  /**
   * Major units.
   */
  initialDeposit?: number;
}
export interface AccountOwner {
  name: string;
  email: string;
  /**
   * E.164, e.g. +15551234567.
   */
  phone?: string;
}
/**
 * Per-channel opt-in; omitted channels take the service's defaults.
 */
export interface NotificationPreferences {
  email?: boolean;
  sms?: boolean;
  whatsapp?: boolean;
  push?: boolean;
}
