import type { PluginBundling } from '@bank/plugin-sdk/bundle';

const REASON = 'the Twilio plugins call only api.v2010.account.messages, over their own HTTP client (see plugins/sms-twilio/src/bundling.ts)';

/**
 * What a notifier bundling the Twilio plugins leaves out of the `twilio` package: every product
 * but the Messages resource of API v2010, TwiML, the JWT builders, the token credential providers
 * (the plugins authenticate with the account's SID and token) and the SDK's axios-based HTTP client
 * (they send over TwilioFetchClient). The SDK loads products lazily but a bundler
 * still ships all of them (4 MiB). The pruned bundle sends through the real SDK code
 * (tests/integration/pruned-bundle.test.ts).
 */
export const bundling: PluginBundling = {
  prune: [
    { importer: '/twilio/lib/rest/Twilio\\.js$', request: '^\\./[A-Z]', keep: '^\\./Api$', reason: REASON },
    { importer: '/twilio/lib/rest/api/v2010/account\\.js$', request: '^\\./account/', keep: '^\\./account/message$', reason: REASON },
    { importer: '/twilio/lib/index\\.js$', request: '^\\./(twiml|jwt|credential_provider)/|^\\./base/RequestClient$', reason: REASON },
    { importer: '/twilio/lib/base/BaseTwilio\\.js$', request: '^\\./RequestClient$', reason: REASON },
  ],
};
