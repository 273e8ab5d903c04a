import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsTestConfig, uniqueName } from '@bank/testing';
import { IDENTITY } from '@bank/topology';
import { runCli } from './run-cli';

const cognito = new CognitoIdentityProviderClient(awsTestConfig());
let pool: string[];

beforeAll(async () => {
  const created = await cognito.send(new CreateUserPoolCommand({ PoolName: uniqueName('pool'), UsernameAttributes: ['email'] }));
  const poolId = created.UserPool?.Id ?? '';
  const client = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'cli', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  );
  await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: IDENTITY.operatorsGroup }));
  pool = ['--user-pool-id', poolId, '--client-id', client.UserPoolClient?.ClientId ?? ''];
});

const payload = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('bankctl users create and login against the emulator\'s Cognito', () => {
  it('creates an operator with verified contacts and prints a working access token', async () => {
    const res = await runCli(['users', 'create', '--email', 'ops@example.com', '--phone', '+15555550111', '--name', 'Ops', '--operator', '--json', ...pool], 'u1');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { sub: string; password: string; accessToken: string };
    expect(payload(out.accessToken)).toMatchObject({ sub: out.sub, token_use: 'access', 'cognito:groups': [IDENTITY.operatorsGroup] });
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool[1], Username: out.sub }));
    const attrs = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attrs).toMatchObject({ email: 'ops@example.com', email_verified: 'true', phone_number: '+15555550111', phone_number_verified: 'true', name: 'Ops' });
    const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool[1], Username: out.sub }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual([IDENTITY.operatorsGroup]);

    const login = await runCli(['login', 'ops@example.com', '--password', out.password, ...pool], 'u1');
    expect(login.code).toBe(0);
    expect(payload(login.stdout.trim())).toMatchObject({ sub: out.sub, token_use: 'access' });
  });

  it('fails with a clear message for a wrong password', async () => {
    await runCli(['users', 'create', '--email', 'c@example.com', '--password', 'Right-Password-1', ...pool], 'u2');
    const res = await runCli(['login', 'c@example.com', '--password', 'Wrong-Password-1', ...pool], 'u2');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/sign in failed/);
    expect(res.stderr).not.toContain('Wrong-Password-1');
  });
});
