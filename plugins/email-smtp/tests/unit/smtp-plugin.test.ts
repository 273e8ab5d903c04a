import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { OutboundMessage } from '@bank/plugin-sdk';
import { describePluginConformance } from '@bank/plugin-sdk/testing';
import plugin from '../../src/index';

interface FakeSmtpPeer {
  readonly port: number;
  readonly received: { from: string; to: string[]; raw: string }[];
  close(): Promise<void>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** An SMTP peer whose answers depend on the recipient's local part: deferred@ → 451, unknown@ → 550, slow@ → no answer to DATA. */
async function startFakeSmtpPeer(): Promise<FakeSmtpPeer> {
  const received: FakeSmtpPeer['received'] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('deferred@')) return callback(smtpError('Mailbox busy, try later', 451));
      if (address.address.startsWith('unknown@')) return callback(smtpError('No such user', 550));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        if (to.some((address) => address.startsWith('slow@'))) return; // never answers
        const mailFrom = session.envelope.mailFrom;
        received.push({ from: mailFrom ? mailFrom.address : '', to, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let peer: FakeSmtpPeer;
const message: OutboundMessage = {
  channel: 'email',
  to: 'owner@example.com',
  subject: 'Transaction Confirmation',
  body: 'Your deposit of $1000 was successful. Your new balance is $5000.',
  idempotencyKey: 'tx-1:email',
  eventType: 'MoneyDeposited',
};
// The fake peers speak plain SMTP (no STARTTLS), as the local sandbox does.
const validConfig = { host: 'smtp.example.invalid', port: 587, from: 'bank@example.com', requireTLS: false };
const to = (recipient: string, port = () => peer.port) => () => ({
  config: { ...validConfig, host: '127.0.0.1', port: port(), timeoutMs: 300, requireTLS: false },
  message: { ...message, to: recipient },
});

describePluginConformance({
  plugin,
  validConfig,
  invalidConfigs: {
    'no host': { port: 25, from: 'bank@example.com' },
    'a port out of range': { ...validConfig, port: 70000 },
    'a from that is not an email address': { ...validConfig, from: 'bank' },
    'a user without a password': { ...validConfig, user: 'bank' },
    'an unknown property': { ...validConfig, pool: true },
  },
  sampleMessage: message,
  setup: async () => {
    peer = await startFakeSmtpPeer();
    return { config: { host: '127.0.0.1', port: peer.port }, teardown: () => peer.close() };
  },
  verifySent: (result) => {
    const mail = peer.received.at(-1);
    expect(mail).toMatchObject({ from: 'bank@example.com', to: ['owner@example.com'] });
    expect(mail?.raw).toContain(`Message-ID: ${result.providerMessageId}`);
    expect(mail?.raw).toContain('Subject: Transaction Confirmation');
    expect(mail?.raw).toContain('X-Idempotency-Key: tx-1:email');
    expect(mail?.raw).toContain('Your deposit of $1000 was successful.');
  },
  scenarios: {
    retryable: {
      'a 4xx SMTP reply': to('deferred@example.com'),
      'a server that stops answering (timeout)': to('slow@example.com'),
      'a refused connection': to('owner@example.com', () => 1),
    },
    permanent: {
      'a 5xx SMTP reply': to('unknown@example.com'),
    },
  },
});

describe('smtp plugin', () => {
  let own: FakeSmtpPeer;
  beforeAll(async () => {
    own = await startFakeSmtpPeer();
  });
  afterAll(() => own.close());
  const create = () => plugin.create({ ...validConfig, host: '127.0.0.1', port: own.port, secure: false, requireTLS: false, timeoutMs: 1000 });

  it('reports the SMTP reply code of a rejection', async () => {
    const instance = create();
    try {
      await expect(instance.send({ ...message, to: 'unknown@example.com' })).rejects.toMatchObject({ name: 'PermanentError', providerCode: 550 });
    } finally {
      await instance.close?.();
    }
  });

  it('delivers consecutive messages, each with its own message id', async () => {
    const instance = create();
    try {
      const first = await instance.send(message);
      const second = await instance.send({ ...message, idempotencyKey: 'tx-2:email' });

      expect(second.providerMessageId).not.toBe(first.providerMessageId);
      expect(own.received.map((mail) => mail.raw.includes('tx-2:email'))).toEqual([false, true]);
    } finally {
      await instance.close?.();
    }
  });
});

describe('smtp plugin outside the local stack', () => {
  const problems = (config: Partial<{ secure: boolean; requireTLS: boolean }>) =>
    plugin.productionProblems?.({ host: 'smtp.example.com', port: 587, from: 'bank@example.com', timeoutMs: 1000, secure: false, requireTLS: false, ...config }) ?? [];

  it('refuses plain SMTP and accepts implicit TLS or STARTTLS', () => {
    expect(problems({})).toEqual(['mail must go over TLS: set secure (port 465) or requireTLS (STARTTLS)']);
    expect(problems({ secure: true })).toEqual([]);
    expect(problems({ requireTLS: true })).toEqual([]);
  });
});
