// Read from events/*/v*.json (data.propertyNames) by `npm run generate -w @bank/schemas`. Do not edit.

/** Property names no event's `data` may carry (personal data). */
export const PERSONAL_DATA_NAMES: readonly string[] = ["owner","name","email","phone","ownerName","ownerEmail","ownerPhone"];

/** The event types whose schema forbids them. */
export const PERSONAL_DATA_GUARDED_TYPES: readonly string[] = ["AccountOpened","MoneyDeposited","MoneyWithdrawn","TransferSent","TransferReceived","RiskCaseOpened","AccountFrozen","AccountUnfrozen","AccountClosed","DebitHeld","HoldApproved","HoldDeclined","RiskPolicyChanged","NotificationChannelDisabled"];
