import { statusCallbackOf } from '@bank/plugin-sms-twilio';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { callbackInputOf } from '../../src/http';

const PUBLIC_API_URL = 'https://api.example.com/v1';

/** The request API Gateway hands over for a call to `url`: the path without the stage, the query decoded by name. */
function proxyEventFor(url: string): APIGatewayProxyEvent {
  const parsed = new URL(url);
  const query: Record<string, string[]> = {};
  for (const [name, value] of parsed.searchParams) (query[name] ??= []).push(value);
  const hasQuery = Object.keys(query).length > 0;
  return {
    httpMethod: 'POST',
    path: parsed.pathname.replace(/^\/v1/, ''),
    headers: {},
    multiValueHeaders: {},
    body: 'MessageSid=SM1',
    isBase64Encoded: false,
    queryStringParameters: hasQuery ? Object.fromEntries(Object.entries(query).map(([name, values]) => [name, values[0]])) : null,
    multiValueQueryStringParameters: hasQuery ? query : null,
  } as unknown as APIGatewayProxyEvent;
}

describe('callbackInputOf', () => {
  it.each(['evt-1:sms', 'account-opened-acc_1:whatsapp', 'tx 1:push:entry/a+b=c&d'])(
    'gives back the exact StatusCallback URL the Twilio plugin asked for (key %j), so its signature still matches',
    (key) => {
      const asked = statusCallbackOf({ publicApiUrl: PUBLIC_API_URL }, key).statusCallback ?? '';
      // What Twilio requests: the URL without its fragment (the connection overrides), which no request carries.
      const requested = asked.slice(0, asked.indexOf('#'));
      expect(requested).not.toBe('');
      expect(callbackInputOf(proxyEventFor(requested), PUBLIC_API_URL)).toMatchObject({ provider: 'twilio', url: requested });
    },
  );

  it('keeps a URL without a query as it is', () => {
    expect(callbackInputOf(proxyEventFor(`${PUBLIC_API_URL}/webhooks/sendgrid`), PUBLIC_API_URL)?.url).toBe(`${PUBLIC_API_URL}/webhooks/sendgrid`);
  });
});
