import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsTestConfig, uniqueName } from '@bank/testing';
import { CognitoIdentityProvider } from '../../../src/adapters/cognito-identity-provider';

const cognito = new CognitoIdentityProviderClient(awsTestConfig());
let poolId: string;
let provider: CognitoIdentityProvider;

beforeAll(async () => {
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: uniqueName('pool'), UsernameAttributes: ['email'] }));
  poolId = pool.UserPool?.Id ?? '';
  provider = new CognitoIdentityProvider(cognito, poolId);
});

async function createUser(email: string, attributes: Record<string, string>): Promise<string> {
  const out = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  return out.User?.Username ?? '';
}

describe('CognitoIdentityProvider against the emulator', () => {
  it('reads the user\'s contacts and whether Cognito verified each', async () => {
    const username = await createUser('ada@example.com', { email_verified: 'true', phone_number: '+15555550123', phone_number_verified: 'false', name: 'Ada' });
    const profile = await provider.lookup(username);
    expect(profile).toEqual({
      customerId: username,
      name: 'Ada',
      contacts: { email: { value: 'ada@example.com', verified: true }, phone: { value: '+15555550123', verified: false } },
    });
  });

  it('finds nobody for an unknown username or a disabled user', async () => {
    expect(await provider.lookup('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    const username = await createUser('gone@example.com', { email_verified: 'true' });
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: username }));
    expect(await provider.lookup(username)).toBeUndefined();
  });
});
