import type { ChannelTemplate } from '../channel';

/** The wording shared by the short-message channels (SMS, WhatsApp): the brief's alert lines. */
export const SHORT_MESSAGE_TEMPLATES: Readonly<Record<string, ChannelTemplate | null>> = {
  MoneyDeposited: { body: 'Alert: {amount} deposited to your account. Available balance: {balance}.' },
  MoneyWithdrawn: { body: 'Alert: {amount} withdrawn from your account. Available balance: {balance}.' },
  TransferSent: { body: 'Alert: {amount} sent to account ending {counterpartySuffix}. Available balance: {balance}.' },
  TransferReceived: { body: 'Alert: {amount} received from account ending {counterpartySuffix}. Available balance: {balance}.' },
  DebitHeld: { body: 'Alert: your {debit} of {amount} is being reviewed. Available balance: {balance}.' },
  HoldApproved: { body: 'Alert: your {debit} of {amount} was approved.' },
  HoldDeclined: { body: 'Alert: your {debit} of {amount} was declined. Available balance: {balance}.' },
  NotificationChannelDisabled: { body: 'Alert: we could not reach you by {disabledChannel}, so {disabledChannel} alerts are off. Update your contact, then turn them on again.' },
  AccountOpened: null,
};
