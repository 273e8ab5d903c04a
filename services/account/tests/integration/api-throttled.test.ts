import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { apiFor } from './harness';

/** A DynamoDB endpoint that answers every request with one error, counting the requests. */
function failingDynamo(status: number, type: string): { server: Server; requests: () => number; client: () => DynamoDBClient } {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: 'refused by the test endpoint' }));
    });
  });
  return {
    server,
    requests: () => requests,
    client: () =>
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 2,
      }),
  };
}

describe('a store over its capacity', () => {
  const throttled = failingDynamo(400, 'ProvisionedThroughputExceededException');
  const broken = failingDynamo(500, 'InternalServerError');
  beforeAll(async () => {
    for (const { server } of [throttled, broken]) await once(server.listen(0, '127.0.0.1'), 'listening');
  });
  afterAll(() => {
    throttled.server.close();
    broken.server.close();
  });

  it.each([
    ['a deposit', 'POST', '/deposit', { accountId: '123456789', amount: 10 }],
    ['a balance read', 'GET', '/accounts/123456789', undefined],
  ])('answers %s throttled past the SDK retries with a 503 to retry, not a 500', async (_name, method, path, body) => {
    const before = throttled.requests();
    const res = await apiFor('accounts', undefined, throttled.client())(method, path, body);
    expect(res.status).toBe(503);
    expect(res.headers['Retry-After']).toBe('1');
    expect(res.json).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', detail: 'The service is busy; retry the request.' });
    expect(res.body).not.toContain('refused by the test endpoint');
    // The SDK retried before the API gave up: the answer is for what outlasted the retries.
    expect(throttled.requests() - before).toBe(2);
  });

  it('still answers any other store failure with a 500 that reveals nothing', async () => {
    const res = await apiFor('accounts', undefined, broken.client())('POST', '/deposit', { accountId: '123456789', amount: 10 });
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(res.headers['Retry-After']).toBeUndefined();
  });
});
