import type { PluginBundling } from '@bank/plugin-sdk/bundle';

const REASON = 'the Web Push plugin signs VAPID itself and uses no proxy (see plugins/push-webpush/src/bundling.ts)';

/**
 * What a notifier bundling this plugin leaves out of `web-push`: its VAPID helper (with the ASN.1
 * and JWS libraries it needs; src/vapid.ts signs with node:crypto instead) and the proxy agent.
 * The pruned bundle still encrypts and sends through web-push (tests/integration/pruned-bundle.test.ts).
 */
export const bundling: PluginBundling = {
  prune: [
    { importer: '/web-push/src/(index|web-push-lib)\\.js$', request: '^\\./vapid-helper\\.js$', reason: REASON },
    { importer: '/web-push/src/web-push-lib\\.js$', request: '^https-proxy-agent$', reason: REASON },
  ],
};
