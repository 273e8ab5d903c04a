import type { PluginBundling } from '@bank/plugin-sdk/bundle';

/**
 * What a function bundling this plugin leaves out: axios (~140 KiB with form-data, mime-db,
 * follow-redirects and its proxy agents), which `@sendgrid/client` requires at load but calls only
 * from `Client.request`. The plugin's client sends over fetch instead (src/sendgrid-fetch-client.ts).
 *
 * What a notifier bundling it also leaves out: the ECDSA library (starkbank-ecdsa with
 * big-integer, ~41 KiB) under `@sendgrid/eventwebhook`, the Event Webhook's signature verifier. A
 * notifier only sends; the delivery-status function verifies callbacks through `./callbacks` and
 * keeps it. The rule is one level below the plugin's import: a pruned module imported by name
 * from TypeScript would lose its names, and the verifier's header names stay readable.
 * The pruned bundle still sends; SendGrid's own transport or verifying there fails naming its rule
 * (tests/integration/pruned-bundle.test.ts).
 */
export const bundling: PluginBundling = {
  prune: [
    {
      importer: '/@sendgrid/client/src/classes/client\\.js$',
      request: '^axios$',
      reason: "the SendGrid plugin's client sends over fetch, never through the SDK's axios transport (see plugins/email-sendgrid/src/bundling.ts)",
    },
  ],
  notifierPrune: [
    {
      importer: '/@sendgrid/eventwebhook/src/eventwebhook\\.js$',
      request: '^starkbank-ecdsa$',
      reason: "a notifier never verifies SendGrid's Event Webhook, delivery-status does (see plugins/email-sendgrid/src/bundling.ts)",
    },
  ],
};
