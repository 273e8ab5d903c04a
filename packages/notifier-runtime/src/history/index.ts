export { InvalidHistoryCursorError, MAX_HISTORY_PAGE } from './notification-history';
export type { NotificationHistory, NotificationHistoryItem, NotificationHistoryPage } from './notification-history';
export { DynamoNotificationHistory } from './dynamo-notification-history';
export type { DynamoNotificationHistoryOptions } from './dynamo-notification-history';
