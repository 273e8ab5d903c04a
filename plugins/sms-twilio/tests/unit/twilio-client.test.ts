import { startFakeHttpProvider } from '@bank/plugin-sdk/testing';
import { createTwilioClient, TwilioFetchClient } from '../../src/index';

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

describe('TwilioFetchClient', () => {
  it('rewrites the public API host to the base URL, keeping path and query', () => {
    const client = new TwilioFetchClient({ baseUrl: 'http://127.0.0.1:4010/', timeoutMs: 1000 });

    expect(client.rewrite('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?a=1')).toBe(
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json?a=1',
    );
  });

  it('leaves other hosts and the default base URL alone', () => {
    expect(new TwilioFetchClient({ baseUrl: 'http://sandbox', timeoutMs: 1 }).rewrite('https://messaging.twilio.com/v1/x')).toBe(
      'https://messaging.twilio.com/v1/x',
    );
    expect(new TwilioFetchClient({ timeoutMs: 1 }).rewrite('https://api.twilio.com/x')).toBe('https://api.twilio.com/x');
  });
});

describe('createTwilioClient', () => {
  it('sends the SDK\'s requests, with basic auth, to the base URL', async () => {
    const fake = await startFakeHttpProvider(() => ({ status: 201, body: { sid: 'SM1', status: 'queued' } }));
    try {
      const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: 'token', baseUrl: fake.url, timeoutMs: 1000 });

      const message = await client.messages.create({ to: '+15551234567', from: '+15550000000', body: 'hi' });

      expect(message.sid).toBe('SM1');
      expect(fake.requests[0]?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
      expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:token`).toString('base64')}`);
      expect(new URLSearchParams(fake.requests[0]?.body).get('To')).toBe('+15551234567');
    } finally {
      await fake.close();
    }
  });

  it('turns a request that gets no answer in time into a TIMEOUT the classifier retries', async () => {
    const fake = await startFakeHttpProvider(() => ({ hang: true }));
    try {
      const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: 'token', baseUrl: fake.url, timeoutMs: 100 });

      await expect(client.messages.create({ to: '+15551234567', from: '+15550000000', body: 'hi' })).rejects.toMatchObject({ name: 'TwilioNetworkError', code: 'TIMEOUT' });
    } finally {
      await fake.close();
    }
  });

  it('gives every call a fresh client', () => {
    const options = { accountSid: ACCOUNT_SID, authToken: 't', timeoutMs: 1 };

    expect(createTwilioClient(options)).not.toBe(createTwilioClient(options));
  });
});
