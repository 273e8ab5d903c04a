import { whatsappTwilioPlugin } from './whatsapp-plugin';

export default whatsappTwilioPlugin;
export { whatsappTwilioPlugin };
export { toWhatsappAddress } from './whatsapp-address';
export { configSchema } from './config';
export type { WhatsappTemplate, WhatsappTwilioConfig } from './config';
