/**
 * The SendGrid packages are loaded on the first send, not when the module loads (a notifier's
 * cold start); a load that fails is tried again on the next send instead of failing every later one.
 */
import type { OutboundMessage } from '@bank/plugin-sdk';
import { type FakeHttpProvider, startFakeHttpProvider } from '@bank/plugin-sdk/testing';

const message: OutboundMessage = {
  channel: 'email',
  to: 'owner@example.com',
  subject: 'Deposit',
  body: 'Your deposit of $1000 was successful.',
  idempotencyKey: 'tx-1:email',
  eventType: 'MoneyDeposited',
};

let loads = 0;
let server: FakeHttpProvider;

beforeAll(async () => {
  server = await startFakeHttpProvider(() => ({ status: 202, headers: { 'x-message-id': 'sg-msg-1' } }));
});
afterAll(() => server.close());

beforeEach(() => {
  jest.resetModules();
  loads = 0;
  // The first load fails (as a module that throws at load would), later ones load the real package.
  jest.doMock('@sendgrid/mail', () => {
    loads += 1;
    if (loads === 1) throw new Error('@sendgrid/mail failed to load');
    return jest.requireActual('@sendgrid/mail');
  });
});

const create = () => {
  // Loaded after the mock is in place (a fresh module registry per test).
  const { sendgridPlugin } = jest.requireActual<typeof import('../../src/sendgrid-plugin.js')>('../../src/sendgrid-plugin');
  return sendgridPlugin.create({ apiKey: 'SG.test-key', from: 'bank@example.com', baseUrl: server.url, timeoutMs: 1000 });
};

describe('loading the SendGrid packages', () => {
  it('waits for the first send', async () => {
    create();

    expect(loads).toBe(0);
  });

  it('tries a failed load again on the next send, which then sends', async () => {
    const instance = create();

    await expect(instance.send(message)).rejects.toMatchObject({ name: 'RetryableError' });
    await expect(instance.send(message)).resolves.toEqual({ providerMessageId: 'sg-msg-1' });

    expect(loads).toBe(2);
    expect(server.requests).toHaveLength(1);
  });
});
