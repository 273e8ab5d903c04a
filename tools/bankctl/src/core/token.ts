import { TokenRequiredError, UsageError } from '../errors';

export interface TokenSources {
  /** `--token`. */
  readonly token?: string | undefined;
  /** `--as EMAIL`: sign in as this user with the password in BANKCTL_PASSWORD. */
  readonly as?: string | undefined;
}

/**
 * The operator access token for the API: `--token`, else a sign-in with `--as` (password from
 * `BANKCTL_PASSWORD`), else `BANKCTL_TOKEN`. Flags win over the environment.
 *
 * @example
 * const token = await resolveToken({ as: 'ops@example.com' }, process.env, (email, password) => signIn(...));
 */
export async function resolveToken(
  sources: TokenSources,
  env: Readonly<Record<string, string | undefined>>,
  signIn: (email: string, password: string) => Promise<string>,
): Promise<string> {
  if (sources.token) return sources.token;
  if (sources.as) {
    const password = env.BANKCTL_PASSWORD;
    if (!password) throw new UsageError(`--as ${sources.as} needs the password in the BANKCTL_PASSWORD environment variable`);
    return signIn(sources.as, password);
  }
  if (env.BANKCTL_TOKEN) return env.BANKCTL_TOKEN;
  throw new TokenRequiredError();
}
