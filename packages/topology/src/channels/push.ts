import type { ChannelTemplate } from '../channel';
import { defineChannel } from '../channel';
import { SHORT_MESSAGE_TEMPLATES } from './short-message';

/** Banner titles; the text under them is the short-message wording. */
const TITLES: Readonly<Record<string, string>> = {
  MoneyDeposited: 'Deposit received',
  MoneyWithdrawn: 'Withdrawal',
  TransferSent: 'Transfer sent',
  TransferReceived: 'Transfer received',
  DebitHeld: 'Payment under review',
  HoldApproved: 'Payment approved',
  HoldDeclined: 'Payment declined',
  NotificationChannelDisabled: 'We could not reach you',
};

/**
 * Push (Web Push, DESIGN.md section 9): every browser subscription the customer registered, the
 * SMS wording under a title; off unless the customer turns it on.
 */
export const push = defineChannel({
  name: 'push',
  notifier: 'notify-push',
  address: { kind: 'registry', registry: 'push-subscriptions' },
  templates: Object.fromEntries(
    Object.entries(SHORT_MESSAGE_TEMPLATES).map(([eventType, template]): [string, ChannelTemplate | null] => [
      eventType,
      template && { title: TITLES[eventType] ?? 'Account activity', ...template },
    ]),
  ),
});
