/* eslint-disable */
/**
 * Generated from api/UpdateAccountRequest.json by scripts/generate.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * Body of PATCH /accounts/{accountId}: the owner's notification choices.
 */
export interface UpdateAccountRequest {
  notifications: NotificationChanges;
}
/**
 * Channels to turn on (true) or off (false), by channel name; others keep their setting. Turning a channel on needs its verified contact (422 CONTACT_NOT_VERIFIED).
 */
export interface NotificationChanges {
  [k: string]: boolean;
}
