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

function event(path: string, headers: Record<string, string>, body: string): APIGatewayProxyEvent {
  return { httpMethod: 'POST', path, headers, multiValueHeaders: {}, body, isBase64Encoded: false, queryStringParameters: null, multiValueQueryStringParameters: null } as unknown as APIGatewayProxyEvent;
}

function twilioCallback(params: Record<string, string>, token = AUTH_TOKEN): APIGatewayProxyEvent {
  const url = `${PUBLIC_API_URL}/webhooks/twilio`;
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  const signature = createHmac('sha1', token).update(data).digest('base64');
  return event('/webhooks/twilio', { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature }, new URLSearchParams(params).toString());
}

function sendgridCallback(events: unknown[], timestamp = Math.floor(Date.now() / 1000)): APIGatewayProxyEvent {
  const body = JSON.stringify(events);
  const signature = sign('sha256', Buffer.from(`${timestamp}${body}`), privateKey).toString('base64');
  return event('/webhooks/sendgrid', { 'Content-Type': 'application/json', 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': String(timestamp) }, body);
}

async function sent(eventId: string, channel: string, provider: string, providerMessageId: string): Promise<void> {
  const now = new Date();
  await ledger.claim({ eventId, channel, eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 't', now, leaseSeconds: 60 });
  await ledger.markSent({ eventId, channel }, { leaseToken: 't', now, attempts: 1, provider, providerMessageId, customerId: 'sub-1', to: '•••0100', accepted: [{ provider, providerMessageId }] });
}

const statusOf = async (id: string) => (await documents.send(new GetCommand({ TableName: tableName, Key: { DeliveryID: id }, ConsistentRead: true }))).Item?.status;
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
    const res = await handler(twilioCallback({ MessageSid: SID(2), MessageStatus: 'undelivered', ErrorCode: '30005' }, 'forged'));
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
});
