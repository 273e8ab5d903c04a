import { resolveToken } from '../../../src/core/token';
import { TokenRequiredError, UsageError } from '../../../src/errors';

const signIns: Array<[string, string]> = [];
const signIn = async (email: string, password: string) => {
  signIns.push([email, password]);
  return `signed-in-${email}`;
};

beforeEach(() => {
  signIns.length = 0;
});

describe('resolveToken', () => {
  it('takes --token first', async () => {
    expect(await resolveToken({ token: 't1', as: 'ops@example.com' }, { BANKCTL_TOKEN: 't2', BANKCTL_PASSWORD: 'p' }, signIn)).toBe('t1');
    expect(signIns).toEqual([]);
  });

  it('signs in with --as and the password from BANKCTL_PASSWORD, before an environment token', async () => {
    expect(await resolveToken({ as: 'ops@example.com' }, { BANKCTL_TOKEN: 't2', BANKCTL_PASSWORD: 'secret' }, signIn)).toBe('signed-in-ops@example.com');
    expect(signIns).toEqual([['ops@example.com', 'secret']]);
  });

  it('refuses --as without BANKCTL_PASSWORD', async () => {
    await expect(resolveToken({ as: 'ops@example.com' }, {}, signIn)).rejects.toThrow(new UsageError('--as ops@example.com needs the password in the BANKCTL_PASSWORD environment variable'));
  });

  it('falls back to BANKCTL_TOKEN', async () => {
    expect(await resolveToken({}, { BANKCTL_TOKEN: 't2' }, signIn)).toBe('t2');
  });

  it('asks for a token when there is none', async () => {
    await expect(resolveToken({}, {}, signIn)).rejects.toBeInstanceOf(TokenRequiredError);
  });
});
