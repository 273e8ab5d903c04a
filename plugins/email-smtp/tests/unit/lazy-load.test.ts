/**
 * nodemailer is loaded on the first send, not when the module loads (a notifier's cold start);
 * a load that fails is tried again on the next send instead of failing every later one.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { OutboundMessage } from '@bank/plugin-sdk';

const message: OutboundMessage = {
  channel: 'email',
  to: 'owner@example.com',
  subject: 'Deposit',
  body: 'Your deposit of $1000 was successful.',
  idempotencyKey: 'tx-1:email',
  eventType: 'MoneyDeposited',
};

let loads = 0;
let server: SMTPServer;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  jest.resetModules();
  loads = 0;
  // The first load fails (as a module that throws at load would), later ones load the real package.
  jest.doMock('nodemailer', () => {
    loads += 1;
    if (loads === 1) throw new Error('nodemailer failed to load');
    return jest.requireActual('nodemailer');
  });
});

const create = () => {
  // Loaded after the mock is in place (a fresh module registry per test).
  const { smtpPlugin } = jest.requireActual<typeof import('../../src/smtp-plugin.js')>('../../src/smtp-plugin');
  return smtpPlugin.create({ host: '127.0.0.1', port, secure: false, requireTLS: false, from: 'bank@example.com', timeoutMs: 1000 });
};

describe('loading nodemailer', () => {
  it('waits for the first send', async () => {
    const instance = create();

    expect(loads).toBe(0);
    await instance.close?.();
  });

  it('tries a failed load again on the next send, which then delivers', async () => {
    const instance = create();
    try {
      await expect(instance.send(message)).rejects.toMatchObject({ name: 'RetryableError' });
      await expect(instance.send(message)).resolves.toEqual({ providerMessageId: expect.any(String) });

      expect(loads).toBe(2);
      expect(received).toEqual([expect.stringContaining('Your deposit of $1000 was successful.')]);
    } finally {
      await instance.close?.();
    }
  });
});
