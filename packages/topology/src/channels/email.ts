import { defineChannel } from '../channel';

const SUBJECT = 'Transaction Confirmation';

/** Email: the customer's verified email address; the brief's wording. */
export const email = defineChannel({
  name: 'email',
  notifier: 'notify-email',
  address: { kind: 'identity', attribute: 'email' },
  defaultOn: true,
  templates: {
    MoneyDeposited: { subject: SUBJECT, body: 'Your deposit of {amount} was successful. Your new balance is {balance}.' },
    MoneyWithdrawn: { subject: SUBJECT, body: 'Your withdrawal of {amount} was successful. Your new balance is {balance}.' },
    TransferSent: {
      subject: SUBJECT,
      body: 'Your transfer of {amount} to account ending {counterpartySuffix} was successful. Your new balance is {balance}.',
    },
    TransferReceived: {
      subject: SUBJECT,
      body: 'You received a transfer of {amount} from account ending {counterpartySuffix}. Your new balance is {balance}.',
    },
    DebitHeld: {
      subject: 'Payment under review',
      body: 'Your {debit} of {amount} is being reviewed. Until it is decided, your available balance is {balance}.',
    },
    HoldApproved: { subject: 'Payment approved', body: 'Your {debit} of {amount} was approved.' },
    HoldDeclined: { subject: 'Payment declined', body: 'Your {debit} of {amount} was declined. Your available balance is {balance}.' },
    NotificationChannelDisabled: {
      subject: 'We could not reach you',
      body: 'We could not deliver our {disabledChannel} messages to you, so {disabledChannel} notifications are now off. Update and verify your contact details, then turn them on again in the app.',
    },
    AccountOpened: null,
  },
});
