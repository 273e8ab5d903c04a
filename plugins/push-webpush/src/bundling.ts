import type { PluginBundling } from '@bank/plugin-sdk/bundle';

const SEE = '(see plugins/push-webpush/src/bundling.ts)';

/**
 * What a notifier bundling this plugin leaves out of `web-push`: the proxy agent, which it loads
 * only for the `proxy` option the plugin never passes, and asn1.js's decoders with the bignum
 * library only they use (bn.js, 43 KiB): web-push only encodes (the VAPID key into a PEM, a small
 * integer), it never decodes; and jws's verifying stream (web-push signs its VAPID JWT, it never
 * verifies or decodes one). VAPID signing and encryption stay web-push's own.
 * The pruned bundle still signs, encrypts and sends (tests/integration/pruned-bundle.test.ts).
 */
export const bundling: PluginBundling = {
  prune: [
    { importer: '/web-push/src/web-push-lib\\.js$', request: '^https-proxy-agent$', reason: `the Web Push plugin passes no proxy ${SEE}` },
    {
      importer: '/asn1\\.js/lib/(asn1|asn1/api)\\.js$',
      request: '^bn\\.js$|^\\./(asn1/)?decoders$',
      reason: `web-push only encodes ASN.1 (its VAPID key), so asn1.js's decoders and bn.js are left out ${SEE}`,
    },
    { importer: '/jws/index\\.js$', request: '^\\./lib/verify-stream$', reason: `web-push only signs JWTs (its VAPID header), it never verifies or decodes one ${SEE}` },
  ],
};
