import { defineChannel } from '../channel';
import { SHORT_MESSAGE_TEMPLATES } from './short-message';

/** WhatsApp: the customer's verified phone number; off unless the customer turns it on. */
export const whatsapp = defineChannel({
  name: 'whatsapp',
  notifier: 'notify-sms',
  address: { kind: 'identity', attribute: 'phone' },
  templates: SHORT_MESSAGE_TEMPLATES,
});
