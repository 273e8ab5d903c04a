import type { NotificationHistory, NotificationHistoryItem } from '@bank/notifier-runtime/history';
import { accountIdParam, limitParam } from './request';
import { caller, json, type RouteHandler } from './route-kit';

/**
 * The read side of the notifiers' delivery records, in their own terms (adapter:
 * `DynamoNotificationHistory`); a cursor it did not return must fail as a ValidationFailedError.
 */
export type NotificationQueries = NotificationHistory;

/** DESIGN.md section 11's fields only, whatever else a record holds. */
const notificationView = (n: NotificationHistoryItem) => ({
  eventId: n.eventId,
  eventType: n.eventType,
  channel: n.channel,
  status: n.status,
  ...(n.provider !== undefined ? { provider: n.provider } : {}),
  ...(n.sentAt !== undefined ? { sentAt: n.sentAt } : {}),
  updatedAt: n.updatedAt,
  ...(n.to !== undefined ? { to: n.to } : {}),
});

/** `GET /accounts/{accountId}/notifications`: what the bank told the account's owner, newest first. */
export function notificationRoutes(notifications: NotificationQueries): Readonly<Record<string, RouteHandler>> {
  return {
    'GET /accounts/{accountId}/notifications': async (ctx, { service }) => {
      const query = ctx.event.queryStringParameters ?? {};
      const limit = limitParam(query.limit);
      // Who may read is decided first: someone else's account answers 404 whatever the cursor.
      const account = await service.getAccount(caller(ctx), accountIdParam(ctx.params.accountId));
      const page = await notifications.list(account.accountId, limit, query.cursor);
      return { response: json(200, { items: page.items.map(notificationView), nextCursor: page.nextCursor }) };
    },
  };
}
