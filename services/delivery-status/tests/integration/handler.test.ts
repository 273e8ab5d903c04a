import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryLedger, silentLogger } from '@bank/notifier-runtime';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createDeliveryStatusHandler } from '../../src/create-handler';
import type { ChannelDisabler, DisableReason } from '../../src/ports';
import * as bundled from '../../src/plugins.generated';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
const tableName = uniqueName('deliveries');
const ledger = new DynamoDeliveryLedger({ client: documents, tableName });
const PUBLIC_API_URL = 'https://api.example.com/v1';
const AUTH_TOKEN = 'twilio-auth-token';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const disabled: { customerId: string; channel: string; reason: DisableReason }[] = [];
const disabler: ChannelDisabler = {
  disableChannel: async (customerId, channel, reason) => {
    disabled.push({ customerId, channel, reason });
    return { changed: true };
  },
};
const handler = createDeliveryStatusHandler({
  bundled,
  dynamodb,
  env: {
    PUBLIC_API_URL,
    DELIVERIES_TABLE: tableName,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  },
  ports: { disabler },
  metrics: false,
  logger: silentLogger,
});

/** A request as API Gateway gives it: the query decoded, by parameter. */
function event(path: string, headers: Record<string, string>, body: string, query: Record<string, string> = {}): APIGatewayProxyEvent {
  const names = Object.keys(query);
  return {
    httpMethod: 'POST',
    path,
    headers,
    multiValueHeaders: {},
    body,
    isBase64Encoded: false,
    queryStringParameters: names.length > 0 ? query : null,
    multiValueQueryStringParameters: names.length > 0 ? Object.fromEntries(names.map((name) => [name, [query[name]]])) : null,
  } as unknown as APIGatewayProxyEvent;
}

/**
 * A Twilio status callback signed over its StatusCallback URL: with `signedKey`, the URL the
 * plugin gave Twilio (`?notificationKey=`); `receivedKey` is what arrives (a tampered key).
 */
function twilioCallback(params: Record<string, string>, options: { token?: string; signedKey?: string; receivedKey?: string } = {}): APIGatewayProxyEvent {
  const query = options.signedKey === undefined ? '' : `?${new URLSearchParams({ notificationKey: options.signedKey }).toString()}`;
  const url = `${PUBLIC_API_URL}/webhooks/twilio${query}`;
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  const signature = createHmac('sha1', options.token ?? AUTH_TOKEN).update(data).digest('base64');
  const receivedKey = options.receivedKey ?? options.signedKey;
  return event(
    '/webhooks/twilio',
    { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    new URLSearchParams(params).toString(),
    receivedKey === undefined ? {} : { notificationKey: receivedKey },
  );
}

function sendgridCallback(events: unknown[], timestamp = Math.floor(Date.now() / 1000)): APIGatewayProxyEvent {
  const body = JSON.stringify(events);
  const signature = sign('sha256', Buffer.from(`${timestamp}${body}`), privateKey).toString('base64');
  return event('/webhooks/sendgrid', { 'Content-Type': 'application/json', 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': String(timestamp) }, body);
}

/** A delivery as the notifier records it; `lookup: false` as for a plugin whose reports carry the key (no lookup item). */
async function sent(eventId: string, channel: string, provider: string, providerMessageId: string, lookup = true): Promise<void> {
  const now = new Date();
  await ledger.claim({ eventId, channel, eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 't', now, leaseSeconds: 60 });
  await ledger.markSent({ eventId, channel }, { leaseToken: 't', now, attempts: 1, provider, providerMessageId, customerId: 'sub-1', to: '•••0100', accepted: [{ provider, providerMessageId, lookup }] });
}

/** The DynamoDB operations the handler sends (recorded by a middleware on the real client). */
const operations: string[] = [];
dynamodb.middlewareStack.add(
  (next, context) => async (args) => {
    operations.push(context.commandName ?? '?');
    return next(args);
  },
  { step: 'initialize', name: 'recordOperations' },
);
const itemOf = async (id: string) => (await documents.send(new GetCommand({ TableName: tableName, Key: { DeliveryID: id }, ConsistentRead: true }))).Item;

const statusOf = async (id: string) => (await itemOf(id))?.status;
const SID = (n: number) => `SM${String(n).padStart(32, '0')}`;

beforeAll(async () => {
  await createTableLike(dynamodb, buildTopology().deliveriesTable, tableName);
});
afterAll(() => dynamodb.destroy());

describe('delivery-status handler', () => {
  it('records a delivered SMS from a signed Twilio callback (204)', async () => {
    await sent('e1', 'sms', 'twilio', SID(1));
    expect((await handler(twilioCallback({ MessageSid: SID(1), MessageStatus: 'delivered' }))).statusCode).toBe(204);
    expect(await statusOf('e1#sms')).toBe('DELIVERED');
  });

  it('refuses a Twilio callback signed with another token (403), changing nothing', async () => {
    await sent('e2', 'sms', 'twilio', SID(2));
    const res = await handler(twilioCallback({ MessageSid: SID(2), MessageStatus: 'undelivered', ErrorCode: '30005' }, { token: 'forged' }));
    expect(res).toMatchObject({ statusCode: 403, headers: { 'Content-Type': 'application/problem+json' } });
    expect(JSON.parse(res.body)).toMatchObject({ code: 'SIGNATURE_INVALID', status: 403 });
    expect(await statusOf('e2#sms')).toBe('SENT');
    expect(disabled).toHaveLength(0);
  });

  it('turns email off for the customer on a signed SendGrid hard bounce', async () => {
    await sent('e3', 'email', 'sendgrid', 'SGmsg3abcdef');
    const res = await handler(sendgridCallback([{ event: 'bounce', type: 'bounce', status: '5.1.1', sg_message_id: 'SGmsg3abcdef.filter0001.0', timestamp: Math.floor(Date.now() / 1000) }]));
    expect(res.statusCode).toBe(204);
    expect(await statusOf('e3#email')).toBe('BOUNCED');
    expect(disabled).toEqual([{ customerId: 'sub-1', channel: 'email', reason: { code: 'hard-bounce', provider: 'sendgrid', deliveryId: 'e3#email', accountId: 'acc-1' } }]);
  });

  it('refuses a stale SendGrid batch (401 without headers, 403 when replayed late)', async () => {
    await sent('e4', 'email', 'sendgrid', 'SGmsg4abcdef');
    const late = await handler(sendgridCallback([{ event: 'delivered', sg_message_id: 'SGmsg4abcdef.x' }], Math.floor(Date.now() / 1000) - 3600));
    expect(JSON.parse(late.body)).toMatchObject({ status: 403, code: 'SIGNATURE_EXPIRED' });
    expect((await handler(event('/webhooks/sendgrid', {}, '[]'))).statusCode).toBe(401);
    expect(await statusOf('e4#email')).toBe('SENT');
  });

  it('acknowledges unknown message ids', async () => {
    expect((await handler(twilioCallback({ MessageSid: SID(99), MessageStatus: 'delivered' }))).statusCode).toBe(204);
  });

  it('answers 404 for a provider nobody declares, 400 for a malformed signed body', async () => {
    expect((await handler(event('/webhooks/acme', {}, ''))).statusCode).toBe(404);
    expect((await handler(twilioCallback({ MessageStatus: 'delivered' }))).statusCode).toBe(400);
  });

  describe('reports that carry the notification key (no lookup item)', () => {
    it('records a delivered SMS from a signed Twilio callback whose URL carries the key, with one write and no read', async () => {
      await sent('k1', 'sms', 'twilio', SID(11), false);
      expect(await itemOf(`MSG#twilio#${SID(11)}`)).toBeUndefined();
      operations.length = 0;
      expect((await handler(twilioCallback({ MessageSid: SID(11), MessageStatus: 'delivered' }, { signedKey: 'k1:sms' }))).statusCode).toBe(204);
      expect(operations).toEqual(['UpdateItemCommand']);
      expect(await statusOf('k1#sms')).toBe('DELIVERED');
    });

    it('refuses a Twilio callback whose key was changed after signing (403), changing nothing', async () => {
      await sent('k2', 'sms', 'twilio', SID(12), false);
      await sent('k3', 'sms', 'twilio', SID(13), false);
      const res = await handler(twilioCallback({ MessageSid: SID(12), MessageStatus: 'undelivered', ErrorCode: '30005' }, { signedKey: 'k2:sms', receivedKey: 'k3:sms' }));
      expect(JSON.parse(res.body)).toMatchObject({ status: 403, code: 'SIGNATURE_INVALID' });
      expect(await statusOf('k2#sms')).toBe('SENT');
      expect(await statusOf('k3#sms')).toBe('SENT');
    });

    it('changes nothing for a keyed report whose message id is not the delivery\'s (acknowledged as unknown)', async () => {
      await sent('k4', 'sms', 'twilio', SID(14), false);
      const before = await itemOf('k4#sms');
      const res = await handler(twilioCallback({ MessageSid: SID(15), MessageStatus: 'undelivered', ErrorCode: '30005' }, { signedKey: 'k4:sms' }));
      expect(res.statusCode).toBe(204);
      expect(await itemOf('k4#sms')).toEqual(before);
      expect(disabled.filter((d) => d.reason.deliveryId === 'k4#sms')).toHaveLength(0);
    });

    it('acknowledges and ignores a keyed report for a key that names no delivery', async () => {
      expect((await handler(twilioCallback({ MessageSid: SID(16), MessageStatus: 'delivered' }, { signedKey: 'nobody:sms' }))).statusCode).toBe(204);
      expect(await itemOf('nobody#sms')).toBeUndefined();
    });

    it('still finds an unkeyed report through its lookup item', async () => {
      await sent('k5', 'sms', 'twilio', SID(17));
      operations.length = 0;
      expect((await handler(twilioCallback({ MessageSid: SID(17), MessageStatus: 'delivered' }))).statusCode).toBe(204);
      expect(operations).toEqual(['GetItemCommand', 'GetItemCommand', 'PutItemCommand']);
      expect(await statusOf('k5#sms')).toBe('DELIVERED');
    });

    it('waits for a delivery the notifier has not recorded SENT yet, then records the report (204)', async () => {
      const now = new Date();
      await ledger.claim({ eventId: 'k8', channel: 'sms', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 't', now, leaseSeconds: 60 });
      // The provider reported before the notifier had its answer: SENT is written while the callback waits.
      const answered = handler(twilioCallback({ MessageSid: SID(18), MessageStatus: 'delivered' }, { signedKey: 'k8:sms' }));
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await statusOf('k8#sms')).toBe('SENDING');
      await ledger.markSent({ eventId: 'k8', channel: 'sms' }, { leaseToken: 't', now, attempts: 1, provider: 'twilio', providerMessageId: SID(18), customerId: 'sub-1', accepted: [{ provider: 'twilio', providerMessageId: SID(18), lookup: false }] });
      expect((await answered).statusCode).toBe(204);
      expect(await statusOf('k8#sms')).toBe('DELIVERED');
    });

    it('answers 503 with Retry-After, changing nothing, while the delivery stays at its provider', async () => {
      await ledger.claim({ eventId: 'k9', channel: 'sms', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 't', now: new Date(), leaseSeconds: 60 });
      const before = await itemOf('k9#sms');
      const res = await handler(twilioCallback({ MessageSid: SID(19), MessageStatus: 'undelivered', ErrorCode: '30005' }, { signedKey: 'k9:sms' }));
      expect(res.statusCode).toBe(503);
      expect(res.headers).toMatchObject({ 'Retry-After': '30' });
      expect(JSON.parse(res.body)).toMatchObject({ status: 503, code: 'DELIVERY_IN_FLIGHT' });
      expect(await itemOf('k9#sms')).toEqual(before);
      expect(disabled.filter((d) => d.reason.deliveryId === 'k9#sms')).toHaveLength(0);
    });

    it('records a SendGrid event by the idempotencyKey it echoes, with no lookup item', async () => {
      await sent('k6', 'email', 'sendgrid', 'SGmsg6abcdef', false);
      const res = await handler(sendgridCallback([{ event: 'delivered', sg_message_id: 'SGmsg6abcdef.filter0001.0', idempotencyKey: 'k6:email', eventType: 'MoneyDeposited', timestamp: Math.floor(Date.now() / 1000) }]));
      expect(res.statusCode).toBe(204);
      expect(await statusOf('k6#email')).toBe('DELIVERED');
    });
  });
});
