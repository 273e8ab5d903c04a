import type { PluginBundling } from '@bank/plugin-sdk/bundle';

/**
 * What a notifier bundling this plugin leaves out of `web-push`: the proxy agent, which it loads
 * only for the `proxy` option the plugin never passes. VAPID signing stays web-push's own.
 * The pruned bundle still signs, encrypts and sends (tests/integration/pruned-bundle.test.ts).
 */
export const bundling: PluginBundling = {
  prune: [{ importer: '/web-push/src/web-push-lib\\.js$', request: '^https-proxy-agent$', reason: 'the Web Push plugin passes no proxy (see plugins/push-webpush/src/bundling.ts)' }],
};
