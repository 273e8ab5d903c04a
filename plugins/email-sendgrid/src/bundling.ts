import type { PluginBundling } from '@bank/plugin-sdk/bundle';

/**
 * What a function bundling this plugin leaves out: mime-types with mime-db (~140 KiB) under
 * form-data, which axios (under `@sendgrid/client`) loads for multipart bodies; the plugin posts
 * JSON, and form-data looks a MIME type up only for a file part.
 *
 * What a notifier bundling it also leaves out: the ECDSA library (starkbank-ecdsa with
 * big-integer, ~41 KiB) under `@sendgrid/eventwebhook`, the Event Webhook's signature verifier. A
 * notifier only sends; the delivery-status function verifies callbacks through `./callbacks` and
 * keeps it. The rule is one level below the plugin's import: a pruned module imported by name
 * from TypeScript would lose its names, and the verifier's header names stay readable.
 * The pruned bundle still sends; a file part or verifying there fails naming its rule (tests/integration/pruned-bundle.test.ts).
 */
export const bundling: PluginBundling = {
  prune: [
    {
      importer: '/form-data/lib/form_data\\.js$',
      request: '^mime-types$',
      reason: 'the SendGrid plugin posts JSON, so axios never builds a multipart body whose file parts need a MIME type (see plugins/email-sendgrid/src/bundling.ts)',
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
