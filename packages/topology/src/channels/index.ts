import type { ChannelDef } from '../channel';
import { email } from './email';
import { push } from './push';
import { sms } from './sms';
import { whatsapp } from './whatsapp';

/** Every channel the platform serves, one declaration each. Adding a channel is one line here and its file. */
export const CHANNELS: readonly ChannelDef[] = [email, sms, whatsapp, push];
