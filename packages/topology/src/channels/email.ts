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
    AccountOpened: null,
  },
});
