import type { NewUser } from '../aws/cognito-users';
import { UsageError } from '../errors';
import type { IdentityAdminPort } from '../ports';
import type { Output } from './context';

export interface UsersContext {
  readonly identity: IdentityAdminPort;
  readonly output: Output;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;

/** `users create`: a customer (or operator) with verified contacts and a permanent password, signed in. */
export async function usersCreate(ctx: UsersContext, user: NewUser & { readonly json: boolean }): Promise<number> {
  if (!EMAIL.test(user.email)) throw new UsageError(`--email must be an email address`);
  if (user.phone !== undefined && !E164.test(user.phone)) throw new UsageError('--phone must be E.164, e.g. +15555550123');
  const created = await ctx.identity.createUser(user);
  const tokens = await ctx.identity.signIn(user.email, created.password);
  const result = {
    username: created.username,
    sub: created.sub,
    email: user.email,
    operator: user.operator === true,
    ...(user.password === undefined ? { password: created.password } : {}),
    accessToken: tokens.accessToken,
    expiresIn: tokens.expiresIn,
  };
  if (user.json) {
    ctx.output.json(result);
  } else {
    ctx.output.line(`created ${user.operator ? 'operator' : 'customer'} ${user.email} (sub ${created.sub})`);
    if (user.password === undefined) ctx.output.line(`password: ${created.password}`);
    ctx.output.line(`access token (valid ${tokens.expiresIn} s):`);
    ctx.output.line(tokens.accessToken);
  }
  return 0;
}

/** `login EMAIL`: a fresh access token, printed alone so that `$(npx bankctl login …)` works. */
export async function login(ctx: UsersContext, options: { readonly email: string; readonly password: string | undefined; readonly json: boolean }): Promise<number> {
  if (!options.password) throw new UsageError('give the password with --password or the BANKCTL_PASSWORD environment variable');
  const tokens = await ctx.identity.signIn(options.email, options.password);
  if (options.json) ctx.output.json({ accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, refreshToken: tokens.refreshToken });
  else ctx.output.line(tokens.accessToken);
  return 0;
}
