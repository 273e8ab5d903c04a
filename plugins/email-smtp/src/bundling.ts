import type { PluginBundling } from '@bank/plugin-sdk/bundle';

const SEE = '(see plugins/email-smtp/src/bundling.ts)';
const lib = (file: string): string => `/nodemailer/lib/${file}\\.js$`;

/**
 * What a notifier bundling this plugin leaves out of `nodemailer` (about half its 210 KiB): the
 * plugin sends a text-only mail over one SMTP pool with at most a user and password, so it never
 * reaches the MIME type table (74 KiB, read only to name attachments), the well-known services
 * list (`service` option), the other transports (sendmail, stream, JSON, SES), DKIM signing, OAuth2
 * (xoauth2), the HTTP fetcher (content given by URL, test accounts) or the HTTP proxy client.
 * The pruned bundle still delivers to the sandbox's SMTP server, and reaching a pruned part throws
 * naming its rule (tests/integration/pruned-bundle.test.ts).
 */
export const bundling: PluginBundling = {
  prune: [
    {
      importer: lib('mime-funcs/index'),
      request: '^\\./mime-types$',
      reason: `the SMTP plugin sends text without attachments, so no file name needs a MIME type ${SEE}`,
    },
    {
      importer: lib('mailer/index'),
      request: '^\\.\\./mime-funcs/mime-types$|^\\.\\./dkim$|^\\.\\./smtp-connection/http-proxy-client$',
      reason: `the SMTP plugin attaches no data URLs, signs no DKIM and uses no proxy ${SEE}`,
    },
    {
      importer: lib('nodemailer'),
      request: '^\\./(sendmail-transport|stream-transport|json-transport|ses-transport|fetch)$',
      reason: `the SMTP plugin sends over an SMTP pool only, and makes no test account ${SEE}`,
    },
    {
      importer: `${lib('smtp-transport/index')}|${lib('smtp-pool/index')}|${lib('smtp-pool/pool-resource')}`,
      request: '^\\.\\./(well-known|xoauth2)$',
      reason: `the SMTP plugin names a host (no well-known service) and logs in with a password, never OAuth2 ${SEE}`,
    },
    {
      importer: `${lib('shared/index')}|${lib('mime-node/index')}`,
      request: '^\\.\\./fetch$',
      reason: `the SMTP plugin's mail content is text it holds, never fetched from a URL ${SEE}`,
    },
  ],
};
