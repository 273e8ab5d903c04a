import type { PluginBundling } from '@bank/plugin-sdk/bundle';

/**
 * What a notifier bundling this plugin leaves out: the ECDSA library (starkbank-ecdsa with
 * big-integer, ~41 KiB) under `@sendgrid/eventwebhook`, the Event Webhook's signature verifier. A
 * notifier only sends; the delivery-status function verifies callbacks through `./callbacks` and
 * keeps it. The rule is one level below the plugin's import: a pruned module imported by name
 * from TypeScript would lose its names, and the verifier's header names stay readable.
 * The pruned bundle still sends; verifying there fails naming this rule (tests/integration/pruned-bundle.test.ts).
 */
export const bundling: PluginBundling = {
  prune: [],
  notifierPrune: [
    {
      importer: '/@sendgrid/eventwebhook/src/eventwebhook\\.js$',
      request: '^starkbank-ecdsa$',
      reason: "a notifier never verifies SendGrid's Event Webhook, delivery-status does (see plugins/email-sendgrid/src/bundling.ts)",
    },
  ],
};
