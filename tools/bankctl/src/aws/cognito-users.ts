import { randomInt } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { IDENTITY } from '@bank/topology';

/** A person to create in the user pool; contacts are created verified (an operator vouches for them). */
export interface NewUser {
  readonly email: string;
  readonly phone?: string | undefined;
  readonly name?: string | undefined;
  readonly operator?: boolean | undefined;
  /** Default: a generated one that meets the pool's policy. */
  readonly password?: string | undefined;
  /** Leave the phone number unverified (to try what the bank does with one). */
  readonly phoneUnverified?: boolean | undefined;
}

export interface CreatedUser {
  readonly username: string;
  readonly sub: string;
  readonly password: string;
}

export interface Tokens {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

// Every class a Cognito policy can require; the symbols are ones a shell leaves alone.
const ALPHABETS = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.'];

/** A random password of 20 characters with a character of every class a pool's policy can ask for. */
export function generatePassword(length = 20): string {
  const all = ALPHABETS.join('');
  const chars = ALPHABETS.map((set) => set[randomInt(set.length)] ?? 'a');
  while (chars.length < Math.max(length, IDENTITY.passwordPolicy.minLength)) chars.push(all[randomInt(all.length)] ?? 'a');
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

/**
 * Creates a user the way an administrator does on AWS: `AdminCreateUser` with the contacts marked
 * verified (no invitation message), a permanent password, and the operators group when asked.
 */
export async function createUser(client: CognitoIdentityProviderClient, userPoolId: string, user: NewUser): Promise<CreatedUser> {
  const password = user.password ?? generatePassword();
  const attributes: Record<string, string> = { email: user.email, email_verified: 'true' };
  if (user.phone) Object.assign(attributes, { phone_number: user.phone, phone_number_verified: user.phoneUnverified ? 'false' : 'true' });
  if (user.name) attributes.name = user.name;
  const created = await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: user.email,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  const username = created.User?.Username ?? user.email;
  const sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? username;
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }));
  if (user.operator) {
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: IDENTITY.operatorsGroup }));
  }
  return { username, sub, password };
}

/** Signs in with `USER_PASSWORD_AUTH` (the app client allows it) and returns the tokens. */
export async function signIn(client: CognitoIdentityProviderClient, clientId: string, email: string, password: string): Promise<Tokens> {
  const out = await client.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
  );
  const result = out.AuthenticationResult;
  if (!result?.AccessToken) throw new Error(`sign-in needs a further step (${out.ChallengeName ?? 'unknown challenge'})`);
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken ?? '',
    refreshToken: result.RefreshToken ?? '',
    expiresIn: result.ExpiresIn ?? 0,
  };
}
