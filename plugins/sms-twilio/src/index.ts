import { smsTwilioPlugin } from './sms-plugin';

export default smsTwilioPlugin;
export { smsTwilioPlugin };
export { isE164 } from './e164';
export { countSegments, detectEncoding } from './sms-segments';
export type { SegmentInfo, SmsEncoding } from './sms-segments';
export { classifyTwilioError, PERMANENT_TWILIO_CODES, RETRYABLE_TWILIO_CODES } from './classify-twilio-error';
export type { TwilioCodeOverrides } from './classify-twilio-error';
export { createTwilioClient, TwilioFetchClient, TwilioNetworkError, TWILIO_API_URL } from './twilio-client';
export type { TwilioClientOptions, TwilioHttpRequest, TwilioHttpResponse } from './twilio-client';
export { configSchema, twilioAccountSchema, twilioHostNeeds } from './config';
export { statusCallbackOf } from './sms-plugin';
export { NOTIFICATION_KEY_PARAM, parseTwilioStatus, SIGNATURE_HEADER, TWILIO_CALLBACK_PROVIDER, TWILIO_CONNECTION_OVERRIDES, TWILIO_UNREACHABLE_CODES, twilioCallbacks } from './status-callbacks';
export type { TwilioCallbackConfig } from './status-callbacks';
export type { SmsTwilioConfig } from './config';
