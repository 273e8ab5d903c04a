import type { NewUser } from '../../../src/aws/cognito-users';
import { login, usersCreate } from '../../../src/commands/users';
import { UsageError } from '../../../src/errors';

function context() {
  const lines: string[] = [];
  const json: unknown[] = [];
  const created: NewUser[] = [];
  return {
    lines,
    json,
    created,
    ctx: {
      identity: {
        createUser: async (user: NewUser) => {
          created.push(user);
          return { username: 'u-1', sub: 'sub-1', password: user.password ?? 'Generated-Pass-1' };
        },
        signIn: async (_email: string, password: string) => ({ accessToken: `token-for-${password}`, idToken: 'id', refreshToken: 'r', expiresIn: 3600 }),
      },
      output: { line: (t: string) => lines.push(t), json: (v: unknown) => json.push(v), note: () => undefined },
    },
  };
}

describe('users create', () => {
  it('creates the user, signs in with the generated password and prints it once with the token', async () => {
    const { ctx, lines, created } = context();
    expect(await usersCreate(ctx, { email: 'ops@example.com', operator: true, json: false })).toBe(0);
    expect(created).toEqual([expect.objectContaining({ email: 'ops@example.com', operator: true })]);
    expect(lines).toEqual(['created operator ops@example.com (sub sub-1)', 'password: Generated-Pass-1', 'access token (valid 3600 s):', 'token-for-Generated-Pass-1']);
  });

  it('does not echo a password the operator chose', async () => {
    const { ctx, json } = context();
    await usersCreate(ctx, { email: 'c@example.com', password: 'Chosen-Pass-123', json: true });
    expect(json[0]).not.toHaveProperty('password');
    expect(json[0]).toMatchObject({ sub: 'sub-1', accessToken: 'token-for-Chosen-Pass-123', operator: false });
  });

  it.each([
    [{ email: 'not-an-email' }],
    [{ email: 'c@example.com', phone: '5551234' }],
  ])('refuses %p before calling the identity provider', async (user) => {
    const { ctx, created } = context();
    await expect(usersCreate(ctx, { ...user, json: false })).rejects.toThrow(UsageError);
    expect(created).toEqual([]);
  });
});

describe('login', () => {
  it('prints only the access token', async () => {
    const { ctx, lines } = context();
    await login(ctx, { email: 'c@example.com', password: 'pw', json: false });
    expect(lines).toEqual(['token-for-pw']);
  });

  it('needs a password', async () => {
    const { ctx } = context();
    await expect(login(ctx, { email: 'c@example.com', password: undefined, json: false })).rejects.toThrow(UsageError);
  });
});
