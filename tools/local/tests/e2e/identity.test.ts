import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createUser, signIn } from '@bank/bankctl';
import { SignJWT } from 'jose';
import type { LocalStack } from '../../src/stack';
import { callApi, messages, openCustomerAccount, operatorOf, startTestStack, waitForMessages, type TestCustomer } from './helpers';

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;
let ada: TestCustomer;
let bob: TestCustomer;
let operatorToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  cognito = new CognitoIdentityProviderClient({ endpoint: stack.endpoint, region: stack.region });
  ada = await openCustomerAccount(stack, { email: true, sms: true }, { initialDeposit: 100 });
  bob = await openCustomerAccount(stack, { email: true }, { initialDeposit: 100 });
  operatorToken = (await operatorOf(stack)).accessToken;
});

afterAll(async () => {
  await stack?.stop();
});

const balance = async (accountId: string) => Number((await callApi(stack, 'GET', `/accounts/${accountId}`, undefined, {}, operatorToken)).json.balance);

/**
 * The emulator signs every pool's tokens with one private key it ships (kid "dummy"). Its JWK has
 * no CRT parameters, which Node needs, so Python (moto's own joserfc) converts it to PEM.
 */
function emulatorSigningKey(): KeyObject {
  const script = [
    'import gzip, json, os, moto',
    'from joserfc import jwk',
    'path = os.path.join(os.path.dirname(moto.__file__), "cognitoidp/resources/jwks-private.json.gz")',
    'print(jwk.RSAKey.import_key(json.loads(gzip.open(path).read())).as_pem(private=True).decode())',
  ].join('\n');
  return createPrivateKey(execFileSync(process.env.PYTHON ?? 'python3', ['-c', script]).toString());
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('every kind of bad token gets 401 UNAUTHENTICATED with a Bearer challenge and moves nothing', () => {
  const kinds: [string, () => Promise<string | null>][] = [
    ['no Authorization header', async () => null],
    ['a malformed header', async () => 'Bearer not-a-jwt'],
    ['a Basic header', async () => 'Basic dXNlcjpwYXNz'],
    [
      'an unsigned token (alg: none)',
      async () => {
        const [, payload] = ada.accessToken.split('.');
        return `Bearer ${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      },
    ],
    [
      'a token signed by another key',
      async () => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const claims = claimsOf(ada.accessToken);
        return `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'dummy' }).sign(privateKey)}`;
      },
    ],
    [
      'an expired token (signed with the pool\'s own key)',
      async () => {
        const claims = { ...claimsOf(ada.accessToken), iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 };
        return `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'dummy' }).sign(emulatorSigningKey())}`;
      },
    ],
    [
      'a token of another user pool',
      async () => {
        const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'another-pool', UsernameAttributes: ['email'] }));
        const poolId = pool.UserPool?.Id ?? '';
        const client = await cognito.send(
          new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'x', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
        );
        await createUser(cognito, poolId, { email: 'stranger@example.com', password: 'Stranger-Pass-123' });
        return `Bearer ${(await signIn(cognito, client.UserPoolClient?.ClientId ?? '', 'stranger@example.com', 'Stranger-Pass-123')).accessToken}`;
      },
    ],
    [
      'a token of another app client of the same pool',
      async () => {
        const client = await cognito.send(
          new CreateUserPoolClientCommand({ UserPoolId: stack.userPoolId, ClientName: 'rogue', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
        );
        return `Bearer ${(await signIn(cognito, client.UserPoolClient?.ClientId ?? '', ada.email, ada.password)).accessToken}`;
      },
    ],
    [
      'an ID token instead of the access token',
      async () => {
        const out = await cognito.send(
          new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.clientId, AuthParameters: { USERNAME: ada.email, PASSWORD: ada.password } }),
        );
        return `Bearer ${out.AuthenticationResult?.IdToken ?? ''}`;
      },
    ],
  ];

  it.each(kinds)('%s', async (_kind, header) => {
    const authorization = await header();
    const before = await balance(ada.accountId);
    const res = await fetch(`${stack.apiUrl}/withdraw`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify({ accountId: ada.accountId, amount: 1 }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    expect(await balance(ada.accountId)).toBe(before);
  });

  it('the real access token works, as a control', async () => {
    expect((await callApi(stack, 'GET', `/accounts/${ada.accountId}`, undefined, {}, ada.accessToken)).status).toBe(200);
  });
});

describe('two customers and an operator', () => {
  it('nobody reads or moves another\'s money; the operator can', async () => {
    const asBob = (method: string, path: string, body?: unknown) => callApi(stack, method, path, body, {}, bob.accessToken);
    expect((await asBob('GET', `/accounts/${ada.accountId}`)).status).toBe(404);
    expect((await asBob('GET', `/accounts/${ada.accountId}/transactions`)).status).toBe(404);
    expect((await asBob('POST', '/withdraw', { accountId: ada.accountId, amount: 1 })).status).toBe(404);
    expect((await asBob('POST', '/transfer', { fromAccountId: ada.accountId, toAccountId: bob.accountId, amount: 1 })).status).toBe(404);
    expect(((await asBob('GET', '/accounts')).json.items as { accountId: string }[]).map((a) => a.accountId)).toEqual([bob.accountId]);
    expect(await balance(ada.accountId)).toBe(100);

    const asOperator = (method: string, path: string, body?: unknown) => callApi(stack, method, path, body, {}, operatorToken);
    expect((await asOperator('POST', '/deposit', { accountId: ada.accountId, amount: 5 })).status).toBe(200);
    expect((await asOperator('POST', '/withdraw', { accountId: bob.accountId, amount: 5 })).status).toBe(200);
    expect([await balance(ada.accountId), await balance(bob.accountId)]).toEqual([105, 95]);
  });

  it('a customer gets 403 for what only operators may do', async () => {
    const res = await callApi(stack, 'POST', '/accounts', { accountId: 'chosen-by-customer' }, {}, bob.accessToken);
    expect([res.status, res.json.code]).toEqual([403, 'FORBIDDEN']);
    const forAda = await callApi(stack, 'POST', '/accounts', { ownerId: ada.sub }, {}, bob.accessToken);
    expect([forAda.status, forAda.json.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('notifications go only to verified contacts the customer chose', () => {
  it('an unverified phone never receives anything, and cannot be turned on', async () => {
    const unverified = await openCustomerAccount(stack, { email: true }, { phoneUnverified: true });
    const turnOn = await callApi(stack, 'PATCH', `/accounts/${unverified.accountId}`, { notifications: { sms: true } }, {}, unverified.accessToken);
    expect([turnOn.status, turnOn.json.code]).toEqual([422, 'CONTACT_NOT_VERIFIED']);
    await callApi(stack, 'POST', '/deposit', { accountId: unverified.accountId, amount: 3 }, {}, unverified.accessToken);
    expect((await waitForMessages(stack, (all) => all.some((m) => m.to === unverified.email))).some((m) => m.to === unverified.email)).toBe(true);
    expect((await messages(stack)).filter((m) => m.to === unverified.phone)).toEqual([]);
  });

  it('a phone that stops being verified stops receiving, even with SMS on', async () => {
    const customer = await openCustomerAccount(stack, { email: true, sms: true });
    await cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: customer.sub,
        UserAttributes: [{ Name: 'phone_number_verified', Value: 'false' }],
      }),
    );
    expect((await callApi(stack, 'GET', '/me', undefined, {}, customer.accessToken)).json.phoneVerified).toBe(false);
    await callApi(stack, 'POST', '/deposit', { accountId: customer.accountId, amount: 4 }, {}, customer.accessToken);
    expect((await waitForMessages(stack, (all) => all.some((m) => m.to === customer.email))).some((m) => m.to === customer.email)).toBe(true);
    expect((await messages(stack)).filter((m) => m.to === customer.phone)).toEqual([]);
  });

  it('turning SMS off stops SMS and keeps email', async () => {
    const customer = await openCustomerAccount(stack, { email: true, sms: true });
    const off = await callApi(stack, 'PATCH', `/accounts/${customer.accountId}`, { notifications: { sms: false } }, {}, customer.accessToken);
    expect(off.json.notifications).toMatchObject({ email: true, sms: false });
    await callApi(stack, 'POST', '/deposit', { accountId: customer.accountId, amount: 6 }, {}, customer.accessToken);
    expect((await waitForMessages(stack, (all) => all.some((m) => m.to === customer.email))).some((m) => m.to === customer.email)).toBe(true);
    expect((await messages(stack)).filter((m) => m.to === customer.phone)).toEqual([]);
  });

  it('a transfer names the other account only by its last digits', async () => {
    const sender = await openCustomerAccount(stack, { sms: true }, { initialDeposit: 50 });
    const res = await callApi(stack, 'POST', '/transfer', { fromAccountId: sender.accountId, toAccountId: bob.accountId, amount: 7 }, {}, sender.accessToken);
    expect(res.status).toBe(200);
    const [sms] = (await waitForMessages(stack, (all) => all.some((m) => m.to === sender.phone && m.body.includes('sent')))).filter(
      (m) => m.to === sender.phone && m.body.includes('sent'),
    );
    expect(sms?.body).toBe(`Alert: $7 sent to account ending ${bob.accountId.slice(-4)}. Available balance: $43.`);
    expect(sms?.body).not.toContain(bob.accountId);
  });
});
