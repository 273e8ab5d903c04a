import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoNotificationHistory, InvalidHistoryCursorError } from '@bank/notifier-runtime/history';
import type { NotificationQueries } from '../http/notification-routes';
import { invalidCursorError } from './cursor';

/** The notifiers' delivery records as the account API lists them; a forged cursor is the API's usual 400. */
export function notificationHistory(client: DynamoDBDocumentClient, tableName: string): NotificationQueries {
  const history = new DynamoNotificationHistory({ client, tableName });
  return {
    async list(accountId, limit, cursor) {
      try {
        return await history.list(accountId, limit, cursor);
      } catch (error) {
        throw error instanceof InvalidHistoryCursorError ? invalidCursorError() : error;
      }
    },
  };
}
