/**
 * The plugin as a notifier ships it: bundled with this package's prune rules (nodemailer without
 * its MIME type table, well-known services, other transports, DKIM, OAuth2, fetch and proxy
 * client). It must still deliver a mail, intact, to the sandbox's SMTP server, and reaching a
 * pruned part must fail loudly, naming the rule.
 */
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { ChannelPlugin } from '@bank/plugin-sdk';
import { validatePluginConfig } from '@bank/plugin-sdk/config-compiler';
import { loadPrunedModule, loadPrunedPlugin, type BundledPlugin, type PrunedModule } from '@bank/plugin-sdk/testing';
import { startSandbox, type Sandbox } from '@bank/sandbox';
import { bundling } from '../../src/bundling';

let sandbox: Sandbox;
let bundled: BundledPlugin<{ default: ChannelPlugin<unknown> }>;
let pruned: PrunedModule<{ createTransport(options: object): Transporter }>;
const prunedNodemailer = () => pruned.module;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  bundled = await loadPrunedPlugin(path.join(__dirname, '..', '..'), bundling.prune);
  // nodemailer alone, through the same rules, for what the plugin never asks of it.
  pruned = await loadPrunedModule('nodemailer', __dirname, bundling.prune, __dirname);
});

afterAll(async () => {
  await sandbox?.stop();
  await bundled?.cleanup();
  await pruned?.cleanup();
});

const sandboxSmtp = () => ({ host: '127.0.0.1', port: sandbox.smtpPort, secure: false, requireTLS: false, timeoutMs: 5000 });

describe('the plugin bundled with its prune rules', () => {
  it("delivers a mail to the sandbox's SMTP server, subject and body intact (non-ASCII and long lines included)", async () => {
    const plugin = bundled.module.default;
    const instance = plugin.create(validatePluginConfig(plugin, { ...sandboxSmtp(), from: 'bank@example.com' }));
    const subject = 'Dépôt reçu: €1 000,00 — merci';
    const body = `Bonjour, votre dépôt de €1 000,00 est arrivé.\n${'Un solde à jour, ligne longue. '.repeat(12)}\nMerci.`;

    try {
      const result = await instance.send({ channel: 'email', to: 'owner@example.com', subject, body, idempotencyKey: 'tx-1:email', eventType: 'MoneyDeposited' });

      expect(sandbox.messages()).toEqual([expect.objectContaining({ channel: 'email', to: 'owner@example.com', from: 'bank@example.com', subject, body, providerMessageId: result.providerMessageId })]);
    } finally {
      await instance.close?.();
    }
  });
});

describe('what the rules leave out', () => {
  it('is smaller than the unpruned bundle by at least the MIME type table', async () => {
    expect((await bundled.unprunedBytes()) - bundled.bytes).toBeGreaterThan(90 * 1024);
  });

  it('fails loudly, naming the rule, when a mail carries an attachment (its MIME type is looked up)', async () => {
    const transport = prunedNodemailer().createTransport({ ...sandboxSmtp(), pool: true });
    try {
      // nodemailer throws while composing (synchronously, before any promise): either way it must name the rule.
      await expect(
        (async () => transport.sendMail({ from: 'bank@example.com', to: 'owner@example.com', text: 'see attached', attachments: [{ filename: 'statement.pdf', content: 'x' }] }))(),
      ).rejects.toThrow(/mime-types was left out of this bundle \(the SMTP plugin sends text without attachments/);
    } finally {
      transport.close();
    }
  });

  it('fails loudly, naming the rule, for a well-known service or another transport', () => {
    expect(() => prunedNodemailer().createTransport({ service: 'Gmail', auth: { user: 'u', pass: 'p' } })).toThrow(/well-known was left out of this bundle \(the SMTP plugin names a host/);
    expect(() => prunedNodemailer().createTransport({ jsonTransport: true })).toThrow(/json-transport was left out of this bundle \(the SMTP plugin sends over an SMTP pool only/);
  });
});
