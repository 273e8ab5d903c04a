import { NotifierError } from '../errors';

/** One notification in an account's history. `to` is masked; no address is ever stored whole. */
export interface NotificationHistoryItem {
  readonly eventId: string;
  readonly eventType: string;
  readonly channel: string;
  /** SENDING, SENT, SKIPPED, FAILED, DELIVERED, UNDELIVERED, BOUNCED. */
  readonly status: string;
  readonly provider?: string;
  readonly sentAt?: string;
  readonly updatedAt: string;
  /** `•••@example.com`, `•••0123`. */
  readonly to?: string;
}

export interface NotificationHistoryPage {
  readonly items: readonly NotificationHistoryItem[];
  /** Opaque; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * The notifications of one account, newest first, a page at a time (`limit` 1–100; anything else
 * is clamped). A cursor this API did not return raises InvalidHistoryCursorError.
 *
 * @example
 * const history: NotificationHistory = new DynamoNotificationHistory({ client, tableName: 'NotificationDeliveries' });
 * const { items, nextCursor } = await history.list('123456789', 20);
 */
export interface NotificationHistory {
  list(accountId: string, limit: number, cursor?: string): Promise<NotificationHistoryPage>;
}

/** A `cursor` that is not one this history returned: a 400 for the API. */
export class InvalidHistoryCursorError extends NotifierError {
  constructor() {
    super('The cursor is not valid.', 'INVALID_CURSOR');
    this.name = 'InvalidHistoryCursorError';
  }
}

export const MAX_HISTORY_PAGE = 100;

/** Where a page ended: the index key of its last item (the account is the caller's, never the cursor's). */
export interface HistoryPosition {
  readonly createdAt: string;
  readonly deliveryId: string;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const DELIVERY_ID = /^[A-Za-z0-9:._-]{1,200}#[a-z][a-z0-9-]{0,62}$/;

export function encodeHistoryCursor(position: HistoryPosition): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt, d: position.deliveryId }), 'utf8').toString('base64url');
}

export function decodeHistoryCursor(cursor: string): HistoryPosition {
  if (cursor.length > 512) throw new InvalidHistoryCursorError();
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'c' in parsed && 'd' in parsed) {
      const { c, d } = parsed;
      if (typeof c === 'string' && typeof d === 'string' && ISO_TIME.test(c) && DELIVERY_ID.test(d)) return { createdAt: c, deliveryId: d };
    }
  } catch {
    // fall through
  }
  throw new InvalidHistoryCursorError();
}

export function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(MAX_HISTORY_PAGE, Math.max(1, Math.trunc(limit))) : 20;
}
