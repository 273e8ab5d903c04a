import { defineChannel } from '../channel';
import { SHORT_MESSAGE_TEMPLATES } from './short-message';

/** SMS: the customer's verified phone number. */
export const sms = defineChannel({
  name: 'sms',
  notifier: 'notify-sms',
  address: { kind: 'identity', attribute: 'phone' },
  defaultOn: true,
  templates: SHORT_MESSAGE_TEMPLATES,
});
